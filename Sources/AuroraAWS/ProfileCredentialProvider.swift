import AuroraSigV4
import Logging

/// Credentials from a profile of the shared `credentials` and `config` files, including `credential_process`.
///
/// Implements https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html and
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html, in the order botocore
/// uses: static keys from the credentials file, then `credential_process`, then static keys from the config file.
/// Profiles that assume a role or use IAM Identity Center (`role_arn`, `sso_session`, `sso_start_url`,
/// `web_identity_token_file`) are reported as unsupported rather than silently skipped.
public struct ProfileCredentialProvider: CredentialProvider {
    public var environment: [String: String]
    /// The profile; nil means `AWS_PROFILE`, else `default`.
    public var profile: String?
    public var fileReader: FileReader
    /// How long a `credential_process` may run before it is stopped.
    public var processTimeout: Duration

    public init(
        environment: [String: String], profile: String? = nil, fileReader: FileReader = .live,
        processTimeout: Duration = .seconds(60)
    ) {
        self.environment = environment
        self.profile = profile
        self.fileReader = fileReader
        self.processTimeout = processTimeout
    }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        let files = try SharedConfigFiles.load(environment: environment, fileReader: fileReader)
        let name = SharedConfigFiles.profileName(explicit: profile, environment: environment)
        guard let settings = files.settings(forProfile: name) else {
            let chosen = profile != nil || environment["AWS_PROFILE"].map { !$0.isEmpty } == true
            throw AWSConfigurationError(
                code: chosen ? .invalidProfile : .credentialsNotFound,
                message: "Profile \"\(name)\" was not found in \(files.locations)."
                    + (chosen ? " Check the profile name, or run `aws configure --profile \(name)`." : "")
            )
        }
        if let unsupported = ["role_arn", "sso_session", "sso_start_url", "web_identity_token_file"].first(
            where: { settings[$0] != nil })
        {
            throw AWSConfigurationError(
                code: .invalidProfile,
                message: "Profile \"\(name)\" uses \(unsupported), which aurora-data does not resolve itself. "
                    + "Add `credential_process = aws configure export-credentials --profile \(name) --format process` "
                    + "to another profile and use that one, or export the credentials in the environment."
            )
        }
        if let keys = try Self.staticKeys(files.credentialProfiles[name], profile: name, file: files.credentialsPath) {
            logger.debug("Using credentials of profile \(name) from \(files.credentialsPath ?? "")")
            return keys
        }
        if let command = settings["credential_process"] {
            logger.debug("Running credential_process of profile \(name)")
            return try await runCredentialProcess(command, profile: name)
        }
        if let keys = try Self.staticKeys(files.configProfiles[name], profile: name, file: files.configPath) {
            logger.debug("Using credentials of profile \(name) from \(files.configPath ?? "")")
            return keys
        }
        throw AWSConfigurationError(
            code: .credentialsNotFound,
            message: "Profile \"\(name)\" in \(files.locations) has no aws_access_key_id/aws_secret_access_key "
                + "and no credential_process."
        )
    }

    /// `aws_access_key_id`, `aws_secret_access_key` and optional `aws_session_token`; nil when neither key is set.
    private static func staticKeys(_ settings: [String: String]?, profile: String, file: String?) throws
        -> AWSCredentials?
    {
        let accessKeyId = settings?["aws_access_key_id"]
        let secretAccessKey = settings?["aws_secret_access_key"]
        switch (accessKeyId, secretAccessKey) {
        case (nil, nil):
            return nil
        case (let accessKeyId?, let secretAccessKey?):
            return AWSCredentials(
                accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: settings?["aws_session_token"])
        default:
            let missing = accessKeyId == nil ? "aws_access_key_id" : "aws_secret_access_key"
            throw AWSConfigurationError(
                code: .invalidCredentials,
                message: "Profile \"\(profile)\" in \(file ?? "the shared files") has no \(missing). "
                    + "Set both aws_access_key_id and aws_secret_access_key."
            )
        }
    }

    private func runCredentialProcess(_ command: String, profile: String) async throws -> AWSCredentials {
        let output = try await CredentialProcess(command: command, environment: environment, timeout: processTimeout).run()
        let source = "credential_process of profile \"\(profile)\""
        guard output.exitStatus == 0 else {
            let tail = String(decoding: output.standardError.suffix(500), as: UTF8.self).trimmingWhitespace()
            throw AWSConfigurationError(
                code: .credentialSourceFailed,
                message: "\(source) exited with status \(output.exitStatus)"
                    + (tail.isEmpty ? "." : ": \(tail)") + " Run the command by hand to see what it needs."
            )
        }
        return try CredentialsDocument.credentials(from: output.standardOutput, source: source)
    }
}
