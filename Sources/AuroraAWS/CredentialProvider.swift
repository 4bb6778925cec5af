import AuroraSigV4
import Logging

/// A source of AWS credentials.
///
/// Implements one step of the SDK credential provider chain
/// (https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html).
/// Providers throw ``AWSConfigurationError``: `.credentialsNotFound` when their source is not configured
/// (the chain moves on), any other code when the source is configured but broken (the chain stops).
public protocol CredentialProvider: Sendable {
    func credentials(logger: Logger) async throws -> AWSCredentials

    /// The credentials and the steps that produced them (``ResolvedCredentials``). The default names the
    /// provider by ``sourceName``.
    func resolvedCredentials(logger: Logger) async throws -> ResolvedCredentials

    /// How `aurora-data credentials` names this source, e.g. `environment`.
    var sourceName: String { get }
}

extension CredentialProvider {
    public func resolvedCredentials(logger: Logger) async throws -> ResolvedCredentials {
        ResolvedCredentials(credentials: try await credentials(logger: logger), sources: [sourceName])
    }

    public var sourceName: String { "\(type(of: self))" }
}

/// Credentials and where they came from.
public struct ResolvedCredentials: Sendable, Hashable {
    /// The credentials to sign with.
    public var credentials: AWSCredentials
    /// The steps, the one that produced the credentials first, e.g. `["assume-role (profile dev)",
    /// "sso (session corp)"]`: the role of profile dev, assumed with credentials from the SSO session corp.
    public var sources: [String]

    /// - Parameters:
    ///   - credentials: the credentials to sign with.
    ///   - sources: the steps that produced them, the last step first.
    public init(credentials: AWSCredentials, sources: [String]) {
        self.credentials = credentials
        self.sources = sources
    }

    /// The steps joined by ` <- `, e.g. `assume-role (profile dev) <- sso (session corp)`.
    public var sourceDescription: String { sources.joined(separator: " <- ") }
}

/// Fixed credentials, e.g. from command-line options or tests.
public struct StaticCredentialProvider: CredentialProvider {
    public var value: AWSCredentials

    public init(_ credentials: AWSCredentials) {
        self.value = credentials
    }

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.value = AWSCredentials(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: sessionToken)
    }

    public func credentials(logger: Logger) async throws -> AWSCredentials { value }

    public var sourceName: String { "static" }
}

extension Logger {
    /// A logger that drops everything: the default `logger:` argument of library calls.
    public static let disabled = Logger(label: "aurora-data.disabled") { _ in SwiftLogNoOpLogHandler() }
}
