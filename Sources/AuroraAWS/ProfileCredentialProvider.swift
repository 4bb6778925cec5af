#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraSigV4
import Logging

/// Credentials of a profile of the shared `credentials` and `config` files, resolved as botocore (the AWS CLI)
/// resolves them.
///
/// Implements https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html with the steps and order of
/// botocore's `create_credential_resolver` for a profile:
/// 1. assume role (`role_arn` with `source_profile` or `credential_source`,
///    https://docs.aws.amazon.com/sdkref/latest/guide/feature-assume-role-credentials.html),
/// 2. web identity (`web_identity_token_file`, or `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN`,
///    `AWS_ROLE_SESSION_NAME` unless the profile was given explicitly),
/// 3. IAM Identity Center (`sso_session` or the legacy `sso_start_url`,
///    https://docs.aws.amazon.com/sdkref/latest/guide/feature-sso-credentials.html),
/// 4. static keys of the credentials file,
/// 5. `credential_process` (https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html),
/// 6. static keys of the config file.
///
/// `.credentialsNotFound` means the profile configures none of them (the chain moves on); any other error stops it.
public struct ProfileCredentialProvider: CredentialProvider {
    public var environment: [String: String]
    /// The profile given explicitly (`--profile`); nil means `AWS_PROFILE`, else `default`.
    public var profile: String?
    public var fileReader: FileReader
    /// How long a `credential_process` may run before it is stopped.
    public var processTimeout: Duration
    /// Carries the STS, IAM Identity Center and (for `credential_source`) container and instance metadata calls.
    public var transport: any HTTPTransport
    /// The clock that signs STS calls and decides whether an IAM Identity Center token has expired.
    public var now: @Sendable () -> Date
    /// Asks for the code of a role profile's `mfa_serial`.
    public var mfaPrompt: MFACodePrompt

    public init(
        environment: [String: String], profile: String? = nil, fileReader: FileReader = .live,
        processTimeout: Duration = .seconds(60), transport: any HTTPTransport = AsyncHTTPClientTransport(),
        now: @escaping @Sendable () -> Date = { Date() }, mfaPrompt: MFACodePrompt = .terminal
    ) {
        self.environment = environment
        self.profile = profile
        self.fileReader = fileReader
        self.processTimeout = processTimeout
        self.transport = transport
        self.now = now
        self.mfaPrompt = mfaPrompt
    }

    public var sourceName: String { "profile" }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        try await resolvedCredentials(logger: logger).credentials
    }

    public func resolvedCredentials(logger: Logger) async throws -> ResolvedCredentials {
        let files = try SharedConfigFiles.load(environment: environment, fileReader: fileReader)
        let name = SharedConfigFiles.profileName(explicit: profile, environment: environment)
        let chosen = profile != nil || environment["AWS_PROFILE"].map { !$0.isEmpty } == true
        if chosen && files.settings(forProfile: name) == nil {
            throw AWSConfigurationError(
                code: .invalidProfile,
                message: "Profile \"\(name)\" was not found in \(files.locations). Check the profile name, or run "
                    + "`aws configure --profile \(name)`.")
        }
        let resolver = ProfileResolver(
            files: files, environment: environment, fileReader: fileReader, processTimeout: processTimeout,
            transport: transport, now: now, mfaPrompt: mfaPrompt, logger: logger,
            stsRegion: Self.stsRegion(environment: environment, settings: files.settings(forProfile: name)))
        if let resolved = try await resolver.resolve(profile: name, explicit: profile != nil) { return resolved }
        throw AWSConfigurationError(
            code: .credentialsNotFound,
            message: files.settings(forProfile: name) == nil
                ? "Profile \"\(name)\" was not found in \(files.locations)."
                : "Profile \"\(name)\" in \(files.locations) has no role_arn, web identity, IAM Identity Center "
                    + "settings, aws_access_key_id/aws_secret_access_key or credential_process.")
    }

    /// The region of the STS client, as botocore picks the session's: `AWS_REGION`, `AWS_DEFAULT_REGION`, the
    /// selected profile's `region`, else `us-east-1`.
    static func stsRegion(environment: [String: String], settings: [String: String]?) -> String {
        for value in [environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"], settings?["region"]] {
            if let value, !value.isEmpty { return value }
        }
        return "us-east-1"
    }
}

/// One resolution of a profile (and its source profiles) against loaded files.
struct ProfileResolver {
    var files: SharedConfigFiles
    var environment: [String: String]
    var fileReader: FileReader
    var processTimeout: Duration
    var transport: any HTTPTransport
    var now: @Sendable () -> Date
    var mfaPrompt: MFACodePrompt
    var logger: Logger
    var stsRegion: String

    /// The selected profile: assume role, then the profile's own steps; nil when it configures none.
    func resolve(profile: String, explicit: Bool) async throws -> ResolvedCredentials? {
        let settings = files.settings(forProfile: profile) ?? [:]
        if Self.assumesRole(settings) {
            var visited = [profile]
            return try await assumeRole(profile: profile, visited: &visited)
        }
        return try await profileSteps(profile: profile, environmentDisabled: explicit)
    }

    /// botocore's profile provider chain: web identity, SSO, credentials file, `credential_process`, config file.
    func profileSteps(profile: String, environmentDisabled: Bool) async throws -> ResolvedCredentials? {
        if let resolved = try await webIdentity(profile: profile, environmentDisabled: environmentDisabled) {
            return resolved
        }
        if let resolved = try await sso(profile: profile) { return resolved }
        if let keys = try Self.staticKeys(files.credentialProfiles[profile], profile: profile, file: files.credentialsPath) {
            logger.debug("Using the keys of profile \(profile) from \(files.credentialsPath ?? "")")
            return ResolvedCredentials(credentials: keys, sources: ["credentials-file (profile \(profile))"])
        }
        if let command = files.settings(forProfile: profile)?["credential_process"] {
            logger.debug("Running credential_process of profile \(profile)")
            return ResolvedCredentials(
                credentials: try await runCredentialProcess(command, profile: profile),
                sources: ["credential-process (profile \(profile))"])
        }
        if let keys = try Self.staticKeys(files.configProfiles[profile], profile: profile, file: files.configPath) {
            logger.debug("Using the keys of profile \(profile) from \(files.configPath ?? "")")
            return ResolvedCredentials(credentials: keys, sources: ["config-file (profile \(profile))"])
        }
        return nil
    }

    /// A role profile: `role_arn` without `web_identity_token_file` (which makes it a web identity profile).
    static func assumesRole(_ settings: [String: String]) -> Bool {
        settings["role_arn"] != nil && settings["web_identity_token_file"] == nil
    }

    /// Either key of a static key pair, as botocore checks it.
    static func hasStaticKeys(_ settings: [String: String]) -> Bool {
        settings["aws_access_key_id"] != nil || settings["aws_secret_access_key"] != nil
    }

    /// `aws_access_key_id`, `aws_secret_access_key` and optional `aws_session_token`; nil when neither key is set.
    static func staticKeys(_ settings: [String: String]?, profile: String, file: String?) throws -> AWSCredentials? {
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

    /// botocore's default session name, `botocore-session-<epoch seconds>`.
    func defaultSessionName() -> String {
        "botocore-session-\(Int(now().timeIntervalSince1970))"
    }

    func securityTokenService() throws -> SecurityTokenService {
        try SecurityTokenService(environment: environment, region: stsRegion, transport: transport, now: now)
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
