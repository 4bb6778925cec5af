@testable import AuroraDataCommands
import AuroraAWS
import AuroraSigV4
import Foundation
import Testing

/// `aurora-data credentials`: the three formats, and the exit code of a configuration error.
@Suite("aurora-data credentials")
struct CredentialsCommandTests {
    static let resolved = ResolvedCredentials(
        credentials: AWSCredentials(
            accessKeyId: "ASIAEXAMPLE", secretAccessKey: "wJal/rX+UtnF=", sessionToken: "tok'en",
            expiration: Date(timeIntervalSince1970: 1_800_003_600)),
        sources: ["assume-role (profile dev)", "sso (session corp)"])
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("summary names the chain, the key id and the expiry, never a secret")
    func summary() {
        let text = CredentialsCommand.render(Self.resolved, format: .summary, now: Self.now)
        #expect(text == """
            source:        assume-role (profile dev) <- sso (session corp)
            access key id: ASIAEXAMPLE
            expires:       2027-01-15T09:00:00Z (in 60 min)

            """)
        #expect(!text.contains("wJal") && !text.contains("tok'en"))
        let longTerm = ResolvedCredentials(
            credentials: AWSCredentials(accessKeyId: "AKID", secretAccessKey: "s"), sources: ["environment"])
        #expect(CredentialsCommand.render(longTerm, format: .summary, now: Self.now).contains("never (long-term keys)"))
    }

    @Test("process is the credential_process document; env quotes what the shell would split")
    func processAndEnv() throws {
        let process = CredentialsCommand.render(Self.resolved, format: .process, now: Self.now)
        let document = try JSONSerialization.jsonObject(with: Data(process.utf8)) as? [String: Any]
        #expect(document?["Version"] as? Int == 1)
        #expect(document?["AccessKeyId"] as? String == "ASIAEXAMPLE")
        #expect(document?["SecretAccessKey"] as? String == "wJal/rX+UtnF=")
        #expect(document?["SessionToken"] as? String == "tok'en")
        #expect(document?["Expiration"] as? String == "2027-01-15T09:00:00Z")
        #expect(process.hasPrefix("{\n  \"Version\": 1,"))
        let env = CredentialsCommand.render(Self.resolved, format: .env, now: Self.now)
        #expect(env == """
            export AWS_ACCESS_KEY_ID=ASIAEXAMPLE
            export AWS_SECRET_ACCESS_KEY=wJal/rX+UtnF=
            export AWS_SESSION_TOKEN='tok'\\''en'
            export AWS_CREDENTIAL_EXPIRATION=2027-01-15T09:00:00Z

            """)
    }

    @Test("the binary: summary of a profile; a broken profile exits 2 with a message naming it")
    func binary() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("creds-cmd-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home + "/.aws", withIntermediateDirectories: true)
        try """
            [profile ops]
            aws_access_key_id = AKIDOPS
            aws_secret_access_key = opssecret
            [profile broken]
            role_arn = arn:aws:iam::123456789012:role/r
            credential_source = Ec2
            """.write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8)
        let environment = ["HOME": home, "AWS_EC2_METADATA_DISABLED": "true"]
        let ok = try await ExecBinaryTests.run(["credentials", "--profile", "ops"], endpoint: nil, environment: environment)
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("source:        config-file (profile ops)\naccess key id: AKIDOPS\n"))
        #expect(!ok.stdout.contains("opssecret"))
        let broken = try await ExecBinaryTests.run(
            ["credentials", "--profile", "broken"], endpoint: nil, environment: environment)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("error: InvalidProfile: Profile \"broken\""))
        #expect(broken.stderr.contains("credential_source = Ec2, which is not one of Environment"))
        let usage = try await ExecBinaryTests.run(["credentials", "--format", "yaml"], endpoint: nil, environment: environment)
        #expect(usage.status == 64)
    }
}
