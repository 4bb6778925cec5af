@testable import AuroraAWS
import AuroraSigV4
import AuroraTestSupport
import Foundation
import Synchronization
import Testing

/// Role, web identity and IAM Identity Center profiles: STS against moto's server (the real Query protocol),
/// the IAM Identity Center portal and OIDC against ``FakeIdentityCenter``, failures STS cannot be made to produce
/// against a ``ScriptedHTTPServer``.
@Suite("Role, web identity and SSO credentials", .enabled(if: MotoServer.python != nil))
struct RoleAndSSOCredentialTests {
    static let account = "123456789012"

    /// Resolves `profile` with the files written to a scratch HOME.
    static func resolve(
        _ directory: borrowing TemporaryDirectory, profile: String?, environment: [String: String] = [:],
        transport: any HTTPTransport = AsyncHTTPClientTransport(), now: @escaping @Sendable () -> Date = { Date() },
        mfaPrompt: MFACodePrompt = .terminal
    ) async throws -> ResolvedCredentials {
        let chain = DefaultCredentialChain(
            environment: ["HOME": directory.path, "AWS_EC2_METADATA_DISABLED": "true"].merging(environment) { $1 },
            profile: profile, transport: transport, now: now, mfaPrompt: mfaPrompt)
        return try await chain.resolvedCredentials(logger: silentLogger)
    }

    /// The ARN moto's `GetCallerIdentity` names for `credentials`, e.g.
    /// `arn:aws:sts::123456789012:assumed-role/dev/session`.
    static func callerArn(_ credentials: AWSCredentials, endpoint: String) async throws -> String {
        let body = Array("Action=GetCallerIdentity&Version=2011-06-15".utf8)
        let url = endpoint + "/"
        let headers = [(name: "Content-Type", value: "application/x-www-form-urlencoded")]
        let signed = try SigV4Signer(service: "sts", region: "us-east-1").prepare(method: "POST", url: url, headers: headers)
            .sign(body: body, credentials: credentials, date: Date())
        let response = try await AsyncHTTPClientTransport().send(
            HTTPRequest(method: "POST", url: url, headers: headers + signed.headers, body: body), timeout: .seconds(10))
        let text = String(decoding: response.body, as: UTF8.self)
        guard let start = text.range(of: "<Arn>"), let end = text.range(of: "</Arn>") else { return text }
        return String(text[start.upperBound..<end.lowerBound])
    }

    @Test("assume-role with static source keys, session name, external id and duration (moto)")
    func assumeRole() async throws {
        let moto = try MotoServer.shared()
        let directory = try TemporaryDirectory()
        try directory.write(
            ".aws/config",
            """
            [profile base]
            aws_access_key_id = AKIDBASE
            aws_secret_access_key = basesecret
            [profile dev]
            role_arn = arn:aws:iam::\(Self.account):role/dev
            source_profile = base
            role_session_name = alice
            external_id = ext-1
            duration_seconds = 1800
            [profile top]
            role_arn = arn:aws:iam::\(Self.account):role/top
            source_profile = dev
            """)
        let before = Date()
        let dev = try await Self.resolve(directory, profile: "dev", environment: ["AWS_ENDPOINT_URL_STS": moto.endpoint])
        #expect(dev.sourceDescription == "assume-role (profile dev) <- config-file (profile base)")
        #expect(dev.credentials.accessKeyId.hasPrefix("ASIA"))
        let lifetime = try #require(dev.credentials.expiration).timeIntervalSince(before)
        #expect(abs(lifetime - 1800) < 60)
        #expect(try await Self.callerArn(dev.credentials, endpoint: moto.endpoint)
            == "arn:aws:sts::\(Self.account):assumed-role/dev/alice")

        // Chaining: top's role is assumed with dev's role credentials; the default session name is botocore's.
        let top = try await Self.resolve(directory, profile: "top", environment: ["AWS_ENDPOINT_URL": moto.endpoint])
        #expect(top.sources == ["assume-role (profile top)", "assume-role (profile dev)", "config-file (profile base)"])
        let arn = try await Self.callerArn(top.credentials, endpoint: moto.endpoint)
        #expect(arn.hasPrefix("arn:aws:sts::\(Self.account):assumed-role/top/botocore-session-"))
    }

    @Test("web identity from the environment and from a profile (moto); an unreadable token file is an error")
    func webIdentity() async throws {
        let moto = try MotoServer.shared()
        let directory = try TemporaryDirectory()
        let tokenFile = try directory.write("token", "eyJhbGciOi.token.sig")
        try directory.write(
            ".aws/config",
            """
            [profile ci]
            role_arn = arn:aws:iam::\(Self.account):role/ci
            web_identity_token_file = \(tokenFile)
            role_session_name = build-7
            [profile broken]
            role_arn = arn:aws:iam::\(Self.account):role/ci
            web_identity_token_file = \(directory.path)/missing-token
            """)
        let fromProfile = try await Self.resolve(directory, profile: "ci", environment: ["AWS_ENDPOINT_URL_STS": moto.endpoint])
        #expect(fromProfile.sourceDescription == "web-identity (profile ci)")
        #expect(try await Self.callerArn(fromProfile.credentials, endpoint: moto.endpoint)
            == "arn:aws:sts::\(Self.account):assumed-role/ci/build-7")

        let fromEnvironment = try await Self.resolve(
            directory, profile: nil,
            environment: [
                "AWS_ENDPOINT_URL_STS": moto.endpoint, "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
                "AWS_ROLE_ARN": "arn:aws:iam::\(Self.account):role/eks", "AWS_ROLE_SESSION_NAME": "pod",
            ])
        #expect(fromEnvironment.sourceDescription == "web-identity (environment)")
        #expect(try await Self.callerArn(fromEnvironment.credentials, endpoint: moto.endpoint)
            == "arn:aws:sts::\(Self.account):assumed-role/eks/pod")

        let error = await configurationError {
            try await Self.resolve(directory, profile: "broken", environment: ["AWS_ENDPOINT_URL_STS": moto.endpoint])
        }
        #expect(error?.code == .invalidProfile)
        #expect(error?.message.contains("missing-token") == true)
        #expect(error?.message.contains("web_identity_token_file of profile \"broken\"") == true)
    }

    @Test("the token file is read again at each refresh, and AssumeRoleWithWebIdentity is unsigned")
    func webIdentityRefresh() async throws {
        let clock = ManualClock(Date())
        let expiration = clock.now.addingTimeInterval(3600)
        let answer = """
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleWithWebIdentityResult><Credentials>
                <AccessKeyId>ASIAWEB</AccessKeyId><SecretAccessKey>s&amp;cret</SecretAccessKey>
                <SessionToken>tok</SessionToken><Expiration>\(expiration.formatted(.iso8601))</Expiration>
              </Credentials></AssumeRoleWithWebIdentityResult>
            </AssumeRoleWithWebIdentityResponse>
            """
        let sts = try await ScriptedHTTPServer.start { _ in .text(answer) }
        let directory = try TemporaryDirectory()
        let tokenFile = try directory.write("token", "first")
        let chain = DefaultCredentialChain(
            environment: [
                "HOME": directory.path, "AWS_ENDPOINT_URL_STS": sts.baseURL, "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
                "AWS_ROLE_ARN": "arn:aws:iam::\(Self.account):role/eks",
            ],
            transport: AsyncHTTPClientTransport(), now: clock.closure)
        let first = try await chain.credentials(logger: silentLogger)
        #expect(first.secretAccessKey == "s&cret")
        try directory.write("token", "second")
        _ = try await chain.credentials(logger: silentLogger)
        #expect(sts.requests.count == 1)  // cached until close to expiry
        clock.advance(by: 3500)
        _ = try await chain.credentials(logger: silentLogger)
        let requests = sts.requests
        #expect(requests.count == 2)
        #expect(requests.map { $0.bodyText.contains("WebIdentityToken=first") } == [true, false])
        #expect(requests.last?.bodyText.contains("WebIdentityToken=second") == true)
        #expect(requests.allSatisfy { $0.header("Authorization") == nil })
        await sts.shutdown()
    }

    @Test("STS AccessDenied names the profile and role, and no secret")
    func accessDenied() async throws {
        let sts = try await ScriptedHTTPServer.start { _ in
            ScriptedResponse(
                status: 403, headers: [("content-type", "text/xml")],
                body: Array("""
                    <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>
                    <Code>AccessDenied</Code><Message>User: arn:aws:iam::1:user/u is not authorized to perform: \
                    sts:AssumeRole</Message></Error><RequestId>r1</RequestId></ErrorResponse>
                    """.utf8))
        }
        let directory = try TemporaryDirectory()
        try directory.write(
            ".aws/credentials", "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = verysecretkey\n")
        try directory.write(
            ".aws/config", "[profile dev]\nrole_arn = arn:aws:iam::1:role/dev\nsource_profile = base\n")
        let error = await configurationError {
            try await Self.resolve(directory, profile: "dev", environment: ["AWS_ENDPOINT_URL_STS": sts.baseURL])
        }
        #expect(error?.code == .credentialSourceFailed)
        #expect(error?.message.contains("profile \"dev\" (role arn:aws:iam::1:role/dev)") == true)
        #expect(error?.message.contains("AccessDenied: User: arn:aws:iam::1:user/u is not authorized") == true)
        #expect(error?.message.contains("verysecretkey") == false)
        // AssumeRole is signed with the source keys.
        #expect(sts.requests.first?.header("Authorization")?.contains("Credential=AKIDBASE/") == true)
        await sts.shutdown()
    }

    @Test("mfa_serial: the prompt's code is sent; without a terminal, a clear error")
    func mfa() async throws {
        let moto = try MotoServer.shared()
        let directory = try TemporaryDirectory()
        try directory.write(
            ".aws/config",
            """
            [profile base]
            aws_access_key_id = AKIDBASE
            aws_secret_access_key = basesecret
            [profile admin]
            role_arn = arn:aws:iam::\(Self.account):role/admin
            source_profile = base
            mfa_serial = arn:aws:iam::\(Self.account):mfa/alice
            """)
        let asked = Mutex<[String]>([])
        let prompt = MFACodePrompt { serial, profile in
            asked.withLock { $0.append("\(profile) \(serial)") }
            return "123456"
        }
        let resolved = try await Self.resolve(
            directory, profile: "admin", environment: ["AWS_ENDPOINT_URL_STS": moto.endpoint], mfaPrompt: prompt)
        #expect(resolved.credentials.accessKeyId.hasPrefix("ASIA"))
        #expect(asked.withLock { $0 } == ["admin arn:aws:iam::\(Self.account):mfa/alice"])

        if isatty(STDIN_FILENO) == 0 {
            let error = await configurationError {
                try await Self.resolve(directory, profile: "admin", environment: ["AWS_ENDPOINT_URL_STS": moto.endpoint])
            }
            #expect(error?.code == .invalidProfile)
            #expect(error?.message.contains("no terminal") == true)
            #expect(error?.message.contains("Profile \"admin\" has mfa_serial") == true)
        }
    }

    @Test("credential_source EcsContainer and Ec2InstanceMetadata: the role is assumed with their credentials (moto)")
    func credentialSources() async throws {
        let moto = try MotoServer.shared()
        let expiration = Date().addingTimeInterval(3600).formatted(.iso8601)
        let metadata = try await ScriptedHTTPServer.start { request in
            switch (request.method, request.uri) {
            case ("GET", "/container"):
                return .json(#"{"AccessKeyId":"AKIDTASK","SecretAccessKey":"tasksecret","Token":"t","Expiration":"\#(expiration)"}"#)
            case ("PUT", "/latest/api/token"): return .text("imds-token")
            case ("GET", "/latest/meta-data/iam/security-credentials/"): return .text("instance-role")
            case ("GET", "/latest/meta-data/iam/security-credentials/instance-role"):
                return .json(#"{"Code":"Success","AccessKeyId":"AKIDEC2","SecretAccessKey":"ec2secret","Token":"t","Expiration":"\#(expiration)"}"#)
            default: return .text("no", status: 404)
            }
        }
        let directory = try TemporaryDirectory()
        try directory.write(
            ".aws/config",
            """
            [profile from-task]
            role_arn = arn:aws:iam::\(Self.account):role/task-target
            credential_source = EcsContainer
            role_session_name = t
            [profile from-instance]
            role_arn = arn:aws:iam::\(Self.account):role/instance-target
            credential_source = Ec2InstanceMetadata
            role_session_name = i
            """)
        let environment = [
            "AWS_ENDPOINT_URL_STS": moto.endpoint, "AWS_CONTAINER_CREDENTIALS_FULL_URI": metadata.baseURL + "/container",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": metadata.baseURL,
        ]
        let task = try await Self.resolve(directory, profile: "from-task", environment: environment)
        #expect(task.sourceDescription == "assume-role (profile from-task) <- container")
        #expect(try await Self.callerArn(task.credentials, endpoint: moto.endpoint)
            == "arn:aws:sts::\(Self.account):assumed-role/task-target/t")
        // resolve() sets AWS_EC2_METADATA_DISABLED=true, which would turn this source off too.
        var instanceEnvironment = environment
        instanceEnvironment["AWS_EC2_METADATA_DISABLED"] = "false"
        let instance = try await Self.resolve(directory, profile: "from-instance", environment: instanceEnvironment)
        #expect(instance.sourceDescription == "assume-role (profile from-instance) <- instance-metadata")
        #expect(try await Self.callerArn(instance.credentials, endpoint: moto.endpoint)
            == "arn:aws:sts::\(Self.account):assumed-role/instance-target/i")
        await metadata.shutdown()
    }

    @Test("configuration errors name the profile and the key")
    func configurationErrors() async throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            ".aws/config",
            """
            [profile base]
            aws_access_key_id = AKIDBASE
            aws_secret_access_key = basesecret
            [profile both]
            role_arn = arn:aws:iam::1:role/r
            source_profile = base
            credential_source = Environment
            [profile neither]
            role_arn = arn:aws:iam::1:role/r
            [profile unknown-source]
            role_arn = arn:aws:iam::1:role/r
            credential_source = environment
            [profile dangling]
            role_arn = arn:aws:iam::1:role/r
            source_profile = nobody
            [profile a]
            role_arn = arn:aws:iam::1:role/r
            source_profile = b
            [profile b]
            role_arn = arn:aws:iam::1:role/r
            source_profile = a
            [profile self-no-keys]
            role_arn = arn:aws:iam::1:role/r
            source_profile = self-no-keys
            [profile env-source]
            role_arn = arn:aws:iam::1:role/r
            credential_source = Environment
            [profile sso-no-session]
            sso_session = missing
            sso_account_id = 1
            sso_role_name = r
            """)
        let expectations: [(String, String)] = [
            ("both", "Profile \"both\" in \(directory.path)/.aws/credentials and \(directory.path)/.aws/config has both source_profile and credential_source"),
            ("neither", "Profile \"neither\" in \(directory.path)/.aws/credentials and \(directory.path)/.aws/config has role_arn but neither source_profile nor credential_source"),
            ("unknown-source", "has credential_source = environment, which is not one of Environment, Ec2InstanceMetadata, EcsContainer"),
            ("dangling", "has source_profile = nobody, but profile \"nobody\" does not exist"),
            ("a", "loop"),
            ("self-no-keys", "self-no-keys -> self-no-keys"),
            ("env-source", "Profile \"env-source\""),
            ("sso-no-session", "has sso_session = missing, but there is no [sso-session missing] section"),
        ]
        for (profile, text) in expectations {
            let error = await configurationError { try await Self.resolve(directory, profile: profile) }
            #expect(error?.code == .invalidProfile, "\(profile)")
            #expect(error?.message.contains(text) == true, "\(profile): \(error?.message ?? "no error")")
            #expect(error?.message.contains("basesecret") == false)
        }
        let loop = await configurationError { try await Self.resolve(directory, profile: "a") }
        #expect(loop?.message.contains("a -> b -> a") == true)
    }

    /// Writes an SSO cache file the way `aws sso login` does.
    static func writeToken(
        _ directory: borrowing TemporaryDirectory, key: String, accessToken: String, expiresIn: TimeInterval,
        refreshToken: String? = nil
    ) throws -> String {
        var fields = [
            "\"startUrl\": \"https://corp.awsapps.com/start\"", "\"region\": \"eu-west-1\"",
            "\"accessToken\": \"\(accessToken)\"",
            "\"expiresAt\": \"\(Date().addingTimeInterval(expiresIn).formatted(.iso8601))\"",
        ]
        if let refreshToken {
            fields += [
                "\"refreshToken\": \"\(refreshToken)\"", "\"clientId\": \"cid\"", "\"clientSecret\": \"csecret\"",
                "\"registrationExpiresAt\": \"\(Date().addingTimeInterval(86400 * 30).formatted(.iso8601))\"",
            ]
        }
        return try directory.write(".aws/sso/cache/\(try sha1Hex(key)).json", "{" + fields.joined(separator: ", ") + "}")
    }

    static let ssoConfig = """
        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-west-1
        sso_registration_scopes = sso:account:access
        [profile dev-sso]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Developer
        [profile legacy]
        sso_start_url = https://legacy.awsapps.com/start
        sso_region = eu-west-1
        sso_account_id = 444455556666
        sso_role_name = ReadOnly
        [profile role-over-sso]
        role_arn = arn:aws:iam::123456789012:role/deploy
        source_profile = dev-sso
        role_session_name = deployer
        """

    @Test("SSO session: role credentials from the portal; refreshed within 15 minutes of expiry, written back 0600")
    func ssoRefresh() async throws {
        let center = try await FakeIdentityCenter.start(
            validTokens: ["old-token"], refreshes: ["refresh-1": ("new-token", "refresh-2")])
        let directory = try TemporaryDirectory()
        try directory.write(".aws/config", Self.ssoConfig)
        let environment = ["AWS_ENDPOINT_URL_SSO": center.endpoint, "AWS_ENDPOINT_URL_SSO_OIDC": center.endpoint]

        // Valid for another hour: used as is.
        let cache = try Self.writeToken(directory, key: "corp", accessToken: "old-token", expiresIn: 3600, refreshToken: "refresh-1")
        let fresh = try await Self.resolve(directory, profile: "dev-sso", environment: environment)
        #expect(fresh.credentials.accessKeyId == "ASIASSO111122223333Developer")
        #expect(fresh.sourceDescription == "sso (session corp)")
        #expect(!center.server.requests.contains { $0.uri == "/token" })

        // Ten minutes left: refreshed, the new token written back and used.
        try Self.writeToken(directory, key: "corp", accessToken: "old-token", expiresIn: 600, refreshToken: "refresh-1")
        let refreshed = try await Self.resolve(directory, profile: "dev-sso", environment: environment)
        #expect(refreshed.credentials.accessKeyId == "ASIASSO111122223333Developer")
        let grant = try #require(center.server.requests.first { $0.uri == "/token" })
        #expect(grant.bodyText.contains("\"grantType\":\"refresh_token\""))
        #expect(center.server.requests.last?.header("x-amz-sso_bearer_token") == "new-token")
        let written = try String(contentsOfFile: cache, encoding: .utf8)
        #expect(written.contains("\"accessToken\":\"new-token\""))
        #expect(written.contains("\"refreshToken\":\"refresh-2\""))
        let mode = try FileManager.default.attributesOfItem(atPath: cache)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        await center.server.shutdown()
    }

    @Test("SSO: expired token, missing cache, malformed cache JSON, legacy profile, role over SSO")
    func ssoErrorsAndForms() async throws {
        let moto = try MotoServer.shared()
        let center = try await FakeIdentityCenter.start(validTokens: ["corp-token", "legacy-token"])
        let directory = try TemporaryDirectory()
        try directory.write(".aws/config", Self.ssoConfig)
        let environment = [
            "AWS_ENDPOINT_URL_SSO": center.endpoint, "AWS_ENDPOINT_URL_SSO_OIDC": center.endpoint,
            "AWS_ENDPOINT_URL_STS": moto.endpoint,
        ]
        let missing = await configurationError { try await Self.resolve(directory, profile: "dev-sso", environment: environment) }
        #expect(missing?.code == .ssoLoginRequired)
        #expect(missing?.message.contains("Run `aws sso login --profile dev-sso`") == true)

        let cache = try directory.write(".aws/sso/cache/\(try sha1Hex("corp")).json", "{\"accessToken\": \"corp-token\", ")
        let malformed = await configurationError { try await Self.resolve(directory, profile: "dev-sso", environment: environment) }
        #expect(malformed?.code == .ssoLoginRequired)
        #expect(malformed?.message.contains(cache) == true)
        #expect(malformed?.message.contains("corp-token") == false)

        try Self.writeToken(directory, key: "corp", accessToken: "corp-token", expiresIn: -60)
        let expired = await configurationError { try await Self.resolve(directory, profile: "dev-sso", environment: environment) }
        #expect(expired?.code == .ssoLoginRequired)
        #expect(expired?.message.contains("expired") == true)
        #expect(expired?.message.contains("aws sso login --profile dev-sso") == true)

        try Self.writeToken(directory, key: "corp", accessToken: "corp-token", expiresIn: 3600)
        let overSSO = try await Self.resolve(directory, profile: "role-over-sso", environment: environment)
        #expect(overSSO.sourceDescription == "assume-role (profile role-over-sso) <- sso (session corp)")
        #expect(try await Self.callerArn(overSSO.credentials, endpoint: moto.endpoint)
            == "arn:aws:sts::123456789012:assumed-role/deploy/deployer")
        // The role was assumed with the portal's credentials.
        #expect(center.server.requests.last?.uri.contains("account_id=111122223333") == true)

        try Self.writeToken(directory, key: "https://legacy.awsapps.com/start", accessToken: "legacy-token", expiresIn: 3600)
        let legacy = try await Self.resolve(directory, profile: "legacy", environment: environment)
        #expect(legacy.credentials.accessKeyId == "ASIASSO444455556666ReadOnly")
        await center.server.shutdown()
    }

    @Test("STS Query XML: entities, CDATA, comments and the error shape")
    func queryXML() throws {
        let ok = HTTPResponse(
            status: 200,
            body: Array("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- answer -->
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <AssumedRoleUser><Arn>arn</Arn></AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>ASIA&#x41;B</AccessKeyId>
                      <SecretAccessKey><![CDATA[a<b&c]]></SecretAccessKey>
                      <SessionToken>t&lt;&gt;&quot;&apos;&#65;</SessionToken>
                      <Expiration>2030-01-01T00:00:00.000Z</Expiration>
                    </Credentials>
                  </AssumeRoleResult>
                </AssumeRoleResponse>
                """.utf8))
        let credentials = try SecurityTokenService.credentials(from: ok, action: "AssumeRole", context: "test")
        #expect(credentials.accessKeyId == "ASIAAB")
        #expect(credentials.secretAccessKey == "a<b&c")
        #expect(credentials.sessionToken == "t<>\"'A")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_893_456_000))
        let truncated = HTTPResponse(status: 200, body: Array("<AssumeRoleResponse><AssumeRoleResult>".utf8))
        #expect(throws: AWSConfigurationError.self) { try SecurityTokenService.credentials(from: truncated, action: "AssumeRole", context: "test") }
        #expect(XMLElement.parse(Array("<a><b></a></b>".utf8)) == nil)
        #expect(XMLElement.parse(Array("<a>&bogus;</a>".utf8)) == nil)
        #expect(XMLElement.parse(Array((String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)).utf8)) == nil)
        #expect(XMLElement.parse(Array("<a x='1' y=\"&lt;\"/>".utf8))?.attributes == ["x": "1", "y": "<"])
    }
}
