import AuroraAWS
import AuroraSigV4
import Testing

@Suite("Environment and profile credentials")
struct EnvironmentAndProfileCredentialTests {
    @Test("environment keys with and without a session token")
    func environmentKeys() async throws {
        let withToken = try await EnvironmentCredentialProvider(environment: [
            "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "SECRET", "AWS_SESSION_TOKEN": "TOKEN",
        ]).credentials(logger: silentLogger)
        #expect(withToken == AWSCredentials(accessKeyId: "AKID", secretAccessKey: "SECRET", sessionToken: "TOKEN"))
        let withoutToken = try await EnvironmentCredentialProvider(environment: [
            "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "SECRET", "AWS_SESSION_TOKEN": "",
        ]).credentials(logger: silentLogger)
        #expect(withoutToken.sessionToken == nil)
    }

    @Test("half-set environment is an error naming the missing variable; unset is not found")
    func environmentHalfSet() async {
        let onlyId = await configurationError {
            try await EnvironmentCredentialProvider(environment: ["AWS_ACCESS_KEY_ID": "AKID"])
                .credentials(logger: silentLogger)
        }
        #expect(onlyId?.code == .invalidCredentials)
        #expect(onlyId?.message.contains("AWS_SECRET_ACCESS_KEY is not") == true)
        let onlySecret = await configurationError {
            try await EnvironmentCredentialProvider(environment: ["AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI"])
                .credentials(logger: silentLogger)
        }
        #expect(onlySecret?.code == .invalidCredentials)
        #expect(onlySecret?.message.contains("wJalrXUtnFEMI") == false)
        let none = await configurationError {
            try await EnvironmentCredentialProvider(environment: [:]).credentials(logger: silentLogger)
        }
        #expect(none?.code == .credentialsNotFound)
    }

    static let files: [String: String] = [
        "/h/.aws/credentials": """
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = SECRETDEFAULT

        [dev]
        aws_access_key_id = AKIDDEV
        aws_secret_access_key = SECRETDEV
        aws_session_token = TOKENDEV

        [half]
        aws_access_key_id = AKIDHALF
        """,
        "/h/.aws/config": """
        [profile fromconfig]
        aws_access_key_id = AKIDCONFIG
        aws_secret_access_key = SECRETCONFIG
        [profile regiononly]
        region = us-east-1
        [profile assume]
        role_arn = arn:aws:iam::123456789012:role/x
        source_profile = default
        [profile sso]
        sso_session = corp
        [profile dev]
        credential_process = /bin/false
        """,
    ]

    func profile(_ name: String?, environment: [String: String] = [:]) -> ProfileCredentialProvider {
        ProfileCredentialProvider(
            environment: ["HOME": "/h"].merging(environment) { $1 }, profile: name, fileReader: .inMemory(Self.files))
    }

    @Test("default profile, AWS_PROFILE, explicit profile, config-file keys")
    func profiles() async throws {
        #expect(try await profile(nil).credentials(logger: silentLogger).accessKeyId == "AKIDDEFAULT")
        let dev = try await profile(nil, environment: ["AWS_PROFILE": "dev"]).credentials(logger: silentLogger)
        // Static keys in the credentials file win over credential_process in the config file, as in botocore.
        #expect(dev == AWSCredentials(accessKeyId: "AKIDDEV", secretAccessKey: "SECRETDEV", sessionToken: "TOKENDEV"))
        let explicit = try await profile("fromconfig", environment: ["AWS_PROFILE": "dev"])
            .credentials(logger: silentLogger)
        #expect(explicit.accessKeyId == "AKIDCONFIG")
    }

    @Test("a chosen profile that does not exist is an error; a missing default profile is not found")
    func missingProfile() async {
        let chosen = await configurationError {
            try await profile(nil, environment: ["AWS_PROFILE": "nope"]).credentials(logger: silentLogger)
        }
        #expect(chosen?.code == .invalidProfile)
        #expect(chosen?.message.contains("\"nope\" was not found in /h/.aws/credentials and /h/.aws/config") == true)
        let missingDefault = await configurationError {
            try await ProfileCredentialProvider(environment: ["HOME": "/empty"], fileReader: .inMemory([:]))
                .credentials(logger: silentLogger)
        }
        #expect(missingDefault?.code == .credentialsNotFound)
    }

    @Test("half-set keys, incomplete SSO profiles and profiles without credentials")
    func brokenProfiles() async {
        let half = await configurationError { try await profile("half").credentials(logger: silentLogger) }
        #expect(half?.code == .invalidCredentials)
        #expect(half?.message.contains("has no aws_secret_access_key") == true)
        // sso_session without sso_account_id or sso_role_name is not an SSO credentials profile (as in botocore).
        let sso = await configurationError { try await profile("sso").credentials(logger: silentLogger) }
        #expect(sso?.code == .credentialsNotFound)
        let regionOnly = await configurationError { try await profile("regiononly").credentials(logger: silentLogger) }
        #expect(regionOnly?.code == .credentialsNotFound)
    }

    @Test("credentials and keys never appear in descriptions")
    func redaction() {
        let credentials = AWSCredentials(accessKeyId: "AKID", secretAccessKey: "SECRET", sessionToken: "TOKEN")
        #expect(!"\(StaticCredentialProvider(credentials))".contains("SECRET"))
        #expect(!"\(StaticCredentialProvider(credentials))".contains("TOKEN"))
    }
}
