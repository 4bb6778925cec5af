#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraSigV4
import Logging

/// Keeps the credentials of another provider and refreshes them shortly before they expire.
///
/// Follows the SDKs' refresh behaviour (https://docs.aws.amazon.com/sdkref/latest/guide/feature-imds-credentials.html,
/// "refresh before expiration"): credentials without an expiration are kept for good; temporary ones are
/// fetched again once `now() >= expiration - refreshBefore`. Concurrent callers share one refresh. When a
/// refresh fails but the old credentials have not yet expired, the old ones are returned.
public actor CachingCredentialProvider: CredentialProvider {
    private let provider: any CredentialProvider
    private let refreshBefore: Duration
    private let now: @Sendable () -> Date
    private var cached: ResolvedCredentials?
    private var refresh: Task<ResolvedCredentials, any Error>?

    public init(
        wrapping provider: any CredentialProvider, refreshBefore: Duration = .seconds(300),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.provider = provider
        self.refreshBefore = refreshBefore
        self.now = now
    }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        try await resolvedCredentials(logger: logger).credentials
    }

    public func resolvedCredentials(logger: Logger) async throws -> ResolvedCredentials {
        if let cached, !needsRefresh(cached.credentials) { return cached }
        let task: Task<ResolvedCredentials, any Error>
        if let refresh {
            task = refresh
        } else {
            let provider = provider
            task = Task { try await provider.resolvedCredentials(logger: logger) }
            refresh = task
        }
        do {
            let fresh = try await task.value
            finish(task, with: fresh)
            return fresh
        } catch {
            finish(task, with: nil)
            if let cached, !isExpired(cached.credentials) {
                logger.warning("Refreshing AWS credentials failed, using the current ones until they expire: \(error)")
                return cached
            }
            throw error
        }
    }

    public nonisolated var sourceName: String { provider.sourceName }

    /// Drops the cached credentials so the next call fetches new ones (e.g. after an ExpiredToken answer).
    public func invalidate() {
        cached = nil
    }

    private func finish(_ task: Task<ResolvedCredentials, any Error>, with credentials: ResolvedCredentials?) {
        guard refresh == task else { return }
        refresh = nil
        if let credentials { cached = credentials }
    }

    private func needsRefresh(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        return now() >= expiration.addingTimeInterval(-refreshBefore.timeInterval)
    }

    private func isExpired(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        return now() >= expiration
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var timeInterval: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
