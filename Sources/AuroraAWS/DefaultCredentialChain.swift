#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraSigV4
import Logging

/// The default credential provider chain of the AWS SDKs, cached.
///
/// Implements https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html, in order:
/// 1. environment variables (skipped when `profile` is given explicitly, as botocore does; `AWS_PROFILE` does not
///    skip them),
/// 2. the selected profile as botocore resolves it (``ProfileCredentialProvider``): assume role, web identity
///    (also from `AWS_WEB_IDENTITY_TOKEN_FILE`), IAM Identity Center, credentials file, `credential_process`,
///    config file,
/// 3. the container credentials endpoint (ECS, EKS Pod Identity),
/// 4. EC2 instance metadata (IMDSv2).
///
/// A step that is not configured passes to the next one; a step that is configured but fails stops the chain
/// with its error. When no step has credentials the error lists what each one found. Credentials are cached
/// and refreshed before they expire (``CachingCredentialProvider``); copies of the chain share the cache.
public struct DefaultCredentialChain: CredentialProvider {
    private let cache: CachingCredentialProvider

    /// - Parameters:
    ///   - environment: the process environment (`ProcessInfo.processInfo.environment` in production).
    ///   - profile: a profile name that overrides `AWS_PROFILE`.
    ///   - transport: used for STS, IAM Identity Center, the container and instance metadata endpoints.
    ///   - now: the clock that decides when temporary credentials are refreshed.
    ///   - fileReader: reads the shared files and the token files.
    ///   - mfaPrompt: asks for the code of a role profile's `mfa_serial`.
    public init(
        environment: [String: String], profile: String? = nil, transport: any HTTPTransport,
        now: @escaping @Sendable () -> Date = { Date() }, fileReader: FileReader = .live,
        mfaPrompt: MFACodePrompt = .terminal
    ) {
        var steps: [any CredentialProvider] = []
        if profile == nil { steps.append(EnvironmentCredentialProvider(environment: environment)) }
        steps.append(
            ProfileCredentialProvider(
                environment: environment, profile: profile, fileReader: fileReader, transport: transport, now: now,
                mfaPrompt: mfaPrompt))
        steps.append(ContainerCredentialProvider(environment: environment, transport: transport, fileReader: fileReader))
        steps.append(InstanceMetadataCredentialProvider(environment: environment, transport: transport))
        self.cache = CachingCredentialProvider(wrapping: CredentialChain(steps: steps), now: now)
    }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        try await cache.credentials(logger: logger)
    }

    public func resolvedCredentials(logger: Logger) async throws -> ResolvedCredentials {
        try await cache.resolvedCredentials(logger: logger)
    }

    public var sourceName: String { "default chain" }

    /// Drops the cached credentials so the next call runs the chain again.
    public func invalidate() async {
        await cache.invalidate()
    }
}

/// Tries providers in order; see ``DefaultCredentialChain`` for the rules.
public struct CredentialChain: CredentialProvider {
    public var steps: [any CredentialProvider]

    public init(steps: [any CredentialProvider]) {
        self.steps = steps
    }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        try await resolvedCredentials(logger: logger).credentials
    }

    public var sourceName: String { "chain" }

    public func resolvedCredentials(logger: Logger) async throws -> ResolvedCredentials {
        var notFound: [String] = []
        for step in steps {
            do {
                let resolved = try await step.resolvedCredentials(logger: logger)
                logger.debug(
                    "AWS credentials from \(resolved.sourceDescription), access key id \(resolved.credentials.accessKeyId)")
                return resolved
            } catch let error as AWSConfigurationError where error.code == .credentialsNotFound {
                notFound.append(error.message)
            }
        }
        throw AWSConfigurationError(
            code: .credentialsNotFound,
            message: "No AWS credentials found. Tried, in order: "
                + notFound.enumerated().map { "(\($0.offset + 1)) \($0.element)" }.joined(separator: " ")
                + " Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run `aws configure`."
        )
    }
}
