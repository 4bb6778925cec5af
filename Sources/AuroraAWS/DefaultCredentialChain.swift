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
/// 1. environment variables (skipped when `profile` is given explicitly, as botocore does),
///    then web identity (`AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`), which is reported as unsupported so the
///    chain does not fall through to the node's instance role,
/// 2. the shared `credentials`/`config` files, including `credential_process`,
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
    ///   - transport: used for the container and instance metadata endpoints.
    ///   - now: the clock that decides when temporary credentials are refreshed.
    ///   - fileReader: reads the shared files and the container token file.
    public init(
        environment: [String: String], profile: String? = nil, transport: any HTTPTransport,
        now: @escaping @Sendable () -> Date = { Date() }, fileReader: FileReader = .live
    ) {
        var steps: [any CredentialProvider] = []
        if profile == nil { steps.append(EnvironmentCredentialProvider(environment: environment)) }
        steps.append(WebIdentityCheck(environment: environment))
        steps.append(ProfileCredentialProvider(environment: environment, profile: profile, fileReader: fileReader))
        steps.append(ContainerCredentialProvider(environment: environment, transport: transport, fileReader: fileReader))
        steps.append(InstanceMetadataCredentialProvider(environment: environment, transport: transport))
        self.cache = CachingCredentialProvider(wrapping: CredentialChain(steps: steps), now: now)
    }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        try await cache.credentials(logger: logger)
    }

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
        var notFound: [String] = []
        for step in steps {
            do {
                let credentials = try await step.credentials(logger: logger)
                logger.debug("AWS credentials from \(type(of: step)), access key id \(credentials.accessKeyId)")
                return credentials
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

/// Stops the chain when web identity federation (EKS IAM roles for service accounts) is configured: the SDKs
/// would assume that role, and falling through to instance metadata would silently use another identity.
struct WebIdentityCheck: CredentialProvider {
    var environment: [String: String]

    func credentials(logger: Logger) async throws -> AWSCredentials {
        guard let tokenFile = environment["AWS_WEB_IDENTITY_TOKEN_FILE"], !tokenFile.isEmpty,
            let role = environment["AWS_ROLE_ARN"], !role.isEmpty
        else {
            throw AWSConfigurationError(
                code: .credentialsNotFound, message: "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set.")
        }
        throw AWSConfigurationError(
            code: .invalidCredentials,
            message: "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN (\(role)) ask for web identity federation, which "
                + "aurora-data does not support. Use EKS Pod Identity (container credentials), or a profile with "
                + "`credential_process = aws configure export-credentials --format process`."
        )
    }
}
