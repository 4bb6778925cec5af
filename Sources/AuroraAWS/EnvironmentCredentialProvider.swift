import AuroraSigV4
import Logging

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optional `AWS_SESSION_TOKEN`.
///
/// Implements https://docs.aws.amazon.com/sdkref/latest/guide/environment-variables.html.
/// Throws `.credentialsNotFound` when neither key is set and `.invalidCredentials` when only one is.
public struct EnvironmentCredentialProvider: CredentialProvider {
    public var environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    public var sourceName: String { "environment" }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        try resolve()
    }

    /// The synchronous lookup behind ``credentials(logger:)``.
    func resolve() throws -> AWSCredentials {
        let accessKeyId = nonEmpty("AWS_ACCESS_KEY_ID")
        let secretAccessKey = nonEmpty("AWS_SECRET_ACCESS_KEY")
        switch (accessKeyId, secretAccessKey) {
        case (nil, nil):
            throw AWSConfigurationError(
                code: .credentialsNotFound,
                message: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set."
            )
        case (let accessKeyId?, let secretAccessKey?):
            return AWSCredentials(
                accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: nonEmpty("AWS_SESSION_TOKEN"))
        case (_?, nil):
            throw AWSConfigurationError(
                code: .invalidCredentials,
                message: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not. Set both, or unset both."
            )
        case (nil, _?):
            throw AWSConfigurationError(
                code: .invalidCredentials,
                message: "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not. Set both, or unset both."
            )
        }
    }

    private func nonEmpty(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }
}
