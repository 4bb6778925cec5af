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
}

extension Logger {
    /// A logger that drops everything: the default `logger:` argument of library calls.
    public static let disabled = Logger(label: "aurora-data.disabled") { _ in SwiftLogNoOpLogHandler() }
}
