import AuroraTestSupport
import Foundation
import Testing

/// For one set of `~/.aws/config`, `~/.aws/credentials` and SSO cache files covering every rule of credential
/// resolution, botocore (`boto3.Session(profile_name=…).get_credentials()`) and `aurora-data credentials --format
/// process` must resolve the same credentials, or both fail. STS is moto's server, IAM Identity Center the scripted
/// ``FakeIdentityCenter``; both sides get the same endpoints through `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL_SSO`
/// and `AWS_ENDPOINT_URL_SSO_OIDC`.
///
/// How "the same" is decided: moto issues new random keys at every `AssumeRole`, so for keys moto issued (`ASIA…`
/// but not the fake portal's `ASIASSO…`) both sides' keys are taken to moto's `GetCallerIdentity`, and the
/// assumed-role ARNs (role and session name; a default `botocore-session-<epoch>` compared without its digits)
/// must be equal. Every other key (static, `credential_process`, SSO portal) must be identical, secret included.
@Suite("aurora-data credentials resolves as botocore does", .serialized, .enabled(if: MotoServer.python != nil))
struct CredentialsDifferentialTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var profile: String?
        var environment: [String: String] = [:]
        /// What botocore does, so that a setup mistake that makes every case fail on both sides is caught.
        var fails = false
        var testDescription: String { name }
    }

    static let envKeys = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "envsecret"]

    static let cases: [Case] = [
        Case(name: "static keys in the credentials file", profile: "base"),
        Case(name: "role with source_profile, session name, external id, duration", profile: "dev"),
        Case(name: "role chain with the default session name", profile: "chain"),
        Case(name: "loop between two profiles", profile: "loop-a", fails: true),
        Case(name: "self reference with static keys", profile: "selfref"),
        Case(name: "self reference without static keys", profile: "self-nokeys", fails: true),
        Case(name: "both source_profile and credential_source", profile: "both", fails: true),
        Case(name: "neither source_profile nor credential_source", profile: "neither", fails: true),
        Case(name: "credential_source Environment under an explicit profile", profile: "env-source", environment: envKeys),
        Case(name: "credential_source Environment without keys", profile: "env-source", fails: true),
        Case(name: "unknown credential_source", profile: "bad-source", environment: envKeys, fails: true),
        Case(name: "missing source_profile", profile: "dangling", fails: true),
        Case(name: "unreadable duration_seconds is ignored", profile: "bad-duration"),
        Case(name: "source with static keys and its own role_arn uses the keys", profile: "over-mixed"),
        Case(name: "credential_process", profile: "proc"),
        Case(name: "role over credential_process", profile: "role-over-proc"),
        Case(name: "web identity profile", profile: "web"),
        Case(name: "web identity profile with an unreadable token file", profile: "web-missing", fails: true),
        Case(
            name: "web identity from the environment",
            environment: [
                "AWS_WEB_IDENTITY_TOKEN_FILE": "TOKENFILE", "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/eks",
                "AWS_ROLE_SESSION_NAME": "pod-1",
            ]),
        Case(
            name: "explicit profile ignores web identity variables", profile: "base",
            environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": "TOKENFILE", "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/eks"]),
        Case(name: "SSO session profile", profile: "dev-sso"),
        Case(name: "SSO session refreshed within 15 minutes of expiry", profile: "sso-refresh"),
        Case(name: "SSO session expired, nothing to refresh with", profile: "sso-expired", fails: true),
        Case(name: "legacy SSO profile", profile: "legacy"),
        Case(name: "role over SSO", profile: "role-over-sso"),
        Case(name: "environment keys win over AWS_PROFILE", environment: envKeys.merging(["AWS_PROFILE": "dev"]) { $1 }),
        Case(name: "--profile wins over environment keys", profile: "dev", environment: envKeys),
        Case(name: "AWS_PROFILE names a role profile", environment: ["AWS_PROFILE": "dev"]),
        Case(name: "AWS_PROFILE names a missing profile", environment: ["AWS_PROFILE": "nope"], fails: true),
    ]

    static let config = """
        [profile dev]
        role_arn = arn:aws:iam::123456789012:role/dev
        source_profile = base
        role_session_name = alice
        external_id = ext-42
        duration_seconds = 1800
        [profile chain]
        role_arn = arn:aws:iam::123456789012:role/top
        source_profile = dev
        [profile loop-a]
        role_arn = arn:aws:iam::123456789012:role/a
        source_profile = loop-b
        [profile loop-b]
        role_arn = arn:aws:iam::123456789012:role/b
        source_profile = loop-a
        [profile selfref]
        role_arn = arn:aws:iam::123456789012:role/self
        source_profile = selfref
        role_session_name = me
        [profile self-nokeys]
        role_arn = arn:aws:iam::123456789012:role/self
        source_profile = self-nokeys
        [profile both]
        role_arn = arn:aws:iam::123456789012:role/x
        source_profile = base
        credential_source = Environment
        [profile neither]
        role_arn = arn:aws:iam::123456789012:role/x
        [profile env-source]
        role_arn = arn:aws:iam::123456789012:role/from-env
        credential_source = Environment
        role_session_name = envsession
        [profile bad-source]
        role_arn = arn:aws:iam::123456789012:role/x
        credential_source = environment
        [profile dangling]
        role_arn = arn:aws:iam::123456789012:role/x
        source_profile = nobody
        [profile bad-duration]
        role_arn = arn:aws:iam::123456789012:role/d
        source_profile = base
        duration_seconds = an hour
        role_session_name = dur
        [profile mixed]
        role_arn = arn:aws:iam::123456789012:role/never-assumed
        source_profile = base
        aws_access_key_id = AKIDMIXED
        aws_secret_access_key = mixedsecret
        [profile over-mixed]
        role_arn = arn:aws:iam::123456789012:role/over-mixed
        source_profile = mixed
        role_session_name = om
        [profile proc]
        credential_process = echo '{"Version":1,"AccessKeyId":"AKIDPROC","SecretAccessKey":"procsecret"}'
        [profile role-over-proc]
        role_arn = arn:aws:iam::123456789012:role/over-proc
        source_profile = proc
        role_session_name = op
        [profile web]
        role_arn = arn:aws:iam::123456789012:role/web
        web_identity_token_file = TOKENFILE
        role_session_name = ci-run
        [profile web-missing]
        role_arn = arn:aws:iam::123456789012:role/web
        web_identity_token_file = TOKENFILE.missing
        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-west-1
        [sso-session refreshing]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-west-1
        [sso-session expired]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-west-1
        [profile dev-sso]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Developer
        [profile sso-refresh]
        sso_session = refreshing
        sso_account_id = 111122223333
        sso_role_name = Refreshed
        [profile sso-expired]
        sso_session = expired
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

    static let credentials = """
        [base]
        aws_access_key_id = AKIDBASE
        aws_secret_access_key = basesecret
        [selfref]
        aws_access_key_id = AKIDSELF
        aws_secret_access_key = selfsecret
        """

    /// Writes the shared files and fresh SSO caches (before each side runs: a refresh rewrites a cache).
    static func prepare(home: String) throws {
        let aws = home + "/.aws"
        try FileManager.default.createDirectory(atPath: aws + "/sso/cache", withIntermediateDirectories: true)
        try config.replacingOccurrences(of: "TOKENFILE", with: home + "/token")
            .write(toFile: aws + "/config", atomically: true, encoding: .utf8)
        try credentials.write(toFile: aws + "/credentials", atomically: true, encoding: .utf8)
        try "eyJraWQiOi.web.token".write(toFile: home + "/token", atomically: true, encoding: .utf8)
        func token(_ key: String, _ accessToken: String, expiresIn: TimeInterval, refresh: Bool) throws {
            var fields: [String: String] = [
                "startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": accessToken,
                "expiresAt": Date().addingTimeInterval(expiresIn).formatted(.iso8601),
            ]
            if refresh {
                fields["refreshToken"] = "refresh-1"
                fields["clientId"] = "client"
                fields["clientSecret"] = "client-secret"
                fields["registrationExpiresAt"] = Date().addingTimeInterval(86400 * 30).formatted(.iso8601)
            }
            let data = try JSONSerialization.data(withJSONObject: fields)
            try data.write(to: URL(fileURLWithPath: aws + "/sso/cache/\(try sha1Hex(key)).json"))
        }
        try token("corp", "corp-token", expiresIn: 3600, refresh: false)
        try token("refreshing", "stale-token", expiresIn: 300, refresh: true)
        try token("expired", "expired-token", expiresIn: -300, refresh: false)
        try token("https://legacy.awsapps.com/start", "legacy-token", expiresIn: 3600, refresh: false)
    }

    /// One side's answer.
    struct Answer: Decodable, Equatable {
        var ok: Bool
        var key: String?
        var secret: String?
        var arn: String?
        var error: String?
    }

    static let script = """
        import json, os, re, sys
        import boto3
        def identity(key, secret, token):
            if not key.startswith("ASIA") or key.startswith("ASIASSO"):
                return None
            sts = boto3.client("sts", region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret,
                               aws_session_token=token)
            return re.sub(r"botocore-session-[0-9]+$", "botocore-session-N", sts.get_caller_identity()["Arn"])
        if sys.argv[1] == "resolve":
            try:
                session = boto3.Session(profile_name=sys.argv[2] or None)
                credentials = session.get_credentials()
                if credentials is None:
                    raise RuntimeError("no credentials")
                frozen = credentials.get_frozen_credentials()
            except Exception as error:
                print(json.dumps({"ok": False, "error": type(error).__name__ + ": " + str(error)}))
                sys.exit(0)
            key, secret, token = frozen.access_key, frozen.secret_key, frozen.token
        else:
            document = json.load(sys.stdin)
            key, secret, token = document["AccessKeyId"], document["SecretAccessKey"], document.get("SessionToken")
        arn = identity(key, secret, token)
        print(json.dumps({"ok": True, "key": None if arn else key, "secret": None if arn else secret, "arn": arn}))
        """

    static func run(_ executable: String, _ arguments: [String], environment: [String: String], input: Data? = nil)
        throws -> (status: Int32, stdout: Data, stderr: String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        let stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, stdout, String(decoding: stderr, as: UTF8.self))
    }

    @Test("same credentials, or both fail", arguments: cases)
    func sameCredentials(_ scenario: Case) async throws {
        let moto = try MotoServer.shared()
        let center = try await FakeIdentityCenter.start(
            validTokens: ["corp-token", "legacy-token", "expired-token"],
            refreshes: ["refresh-1": (accessToken: "fresh-token", refreshToken: "refresh-2")])
        defer { Task { await center.server.shutdown() } }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("creds-diff-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        var variables = [
            "HOME": home, "PATH": "/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL_STS": moto.endpoint,
            "AWS_ENDPOINT_URL_SSO": center.endpoint, "AWS_ENDPOINT_URL_SSO_OIDC": center.endpoint,
        ]
        for (name, value) in scenario.environment {
            variables[name] = value.replacingOccurrences(of: "TOKENFILE", with: home + "/token")
        }
        let environment = variables

        try Self.prepare(home: home)
        let python = moto.python
        let botocoreRun = try await offPool {
            try Self.run(python, ["-c", Self.script, "resolve", scenario.profile ?? ""], environment: environment)
        }
        let botocore = try JSONDecoder().decode(Answer.self, from: botocoreRun.stdout)
        #expect(botocore.ok == !scenario.fails, "botocore: \(botocore.error ?? "succeeded")")

        try Self.prepare(home: home)
        let binary = try ExecBinaryTests.executable().path
        let ours = try await offPool {
            try Self.run(
                binary, ["credentials", "--format", "process"] + (scenario.profile.map { ["--profile", $0] } ?? []),
                environment: environment)
        }
        var answer = Answer(ok: false)
        if ours.status == 0 {
            let identity = try await offPool {
                try Self.run(python, ["-c", Self.script, "identity"], environment: environment, input: ours.stdout)
            }
            answer = try JSONDecoder().decode(Answer.self, from: identity.stdout)
        } else {
            // Failures are configuration errors (exit code 2) with a message, never a secret.
            #expect(ours.status == 2, "\(ours.stderr)")
            #expect(ours.stderr.hasPrefix("error: "))
            for secret in ["basesecret", "selfsecret", "envsecret", "corp-token", "expired-token", "client-secret"] {
                #expect(!ours.stderr.contains(secret))
            }
        }
        #expect(answer.ok == botocore.ok, "botocore: \(botocore.error ?? "ok"); aurora-data: \(ours.stderr)")
        if answer.ok && botocore.ok {
            #expect(answer.key == botocore.key)
            #expect(answer.secret == botocore.secret)
            #expect(answer.arn == botocore.arn)
        }
    }
}
