import AuroraAWS
import AuroraSigV4
import AuroraTestSupport
import Foundation
import Testing

/// Resolves the same files and environment with botocore (installed with the AWS CLI) and with this module,
/// and compares the access key id and region each one picks.
@Suite("Same answers as botocore", .enabled(if: botocorePython != nil))
struct BotocoreDifferentialTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var config: String = ""
        var credentials: String = ""
        var environment: [String: String] = [:]
        var profile: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "default profile across both files",
            config: "[default]\nregion = eu-west-1\n",
            credentials: "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = S\n"),
        Case(
            name: "AWS_PROFILE with keys in the config file",
            config: "[profile dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = S\nregion = us-east-2\n",
            environment: ["AWS_PROFILE": "dev"]),
        Case(
            name: "environment keys win over files",
            credentials: "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = S\n",
            // botocore reads AWS_DEFAULT_REGION but not AWS_REGION (which the newer SDKs read first; see
            // RegionAndEndpointTests), so only the former is compared here.
            environment: ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "S", "AWS_DEFAULT_REGION": "sa-east-1"]),
        Case(
            name: "explicit profile skips environment keys",
            credentials: "[other]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = S\nregion = ca-central-1\n",
            environment: ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "S"], profile: "other"),
        Case(
            name: "comments, CRLF, key case and sub-properties",
            config: "# c\r\n[profile x]\r\n; c\r\nREGION = ap-south-1\r\ns3 =\r\n  max_concurrent_requests = 10\r\n",
            credentials: "[x]\r\nAWS_ACCESS_KEY_ID=AKIDX\r\naws_secret_access_key =S\r\n",
            environment: ["AWS_PROFILE": "x"]),
        Case(
            name: "credential_process",
            config: "[default]\nregion = eu-central-1\ncredential_process = "
                + #"echo '{"Version":1,"AccessKeyId":"AKIDPROC","SecretAccessKey":"S","SessionToken":"T"}'"# + "\n"),
        Case(
            name: "credentials-file keys win over credential_process",
            config: "[default]\ncredential_process = echo bad\n",
            credentials: "[default]\naws_access_key_id = AKIDSTATIC\naws_secret_access_key = S\n"),
        Case(
            name: "region only in the credentials file; AWS_DEFAULT_REGION wins",
            credentials: "[default]\naws_access_key_id = AKIDR\naws_secret_access_key = S\nregion = us-west-1\n",
            environment: ["AWS_DEFAULT_REGION": "us-west-2"]),
        Case(
            name: "[name] without the profile prefix is ignored in the config file",
            config: "[dev]\nregion = ignored\naws_access_key_id = AKIDIGNORED\naws_secret_access_key = S\n",
            environment: ["AWS_PROFILE": "dev"]),
    ]

    @Test("access key id and region", arguments: cases)
    func sameAnswer(_ scenario: Case) async throws {
        let directory = try TemporaryDirectory()
        try directory.write(".aws/config", scenario.config)
        try directory.write(".aws/credentials", scenario.credentials)
        let environment = scenario.environment.merging([
            "HOME": directory.path, "PATH": "/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true",
        ]) { $1 }

        let botocore = try await offPool { try Self.botocore(environment: environment, profile: scenario.profile) }
        let chain = DefaultCredentialChain(
            environment: environment, profile: scenario.profile, transport: AsyncHTTPClientTransport())
        let key = try? await chain.credentials(logger: silentLogger).accessKeyId
        let region = try? RegionResolver.resolve(
            explicit: nil, environment: environment, profile: scenario.profile, resourceArn: nil)
        #expect(key == botocore.key)
        #expect(region == botocore.region)
    }

    struct Answer: Decodable {
        var key: String?
        var region: String?
    }

    static let script = """
        import json, sys, botocore.session
        from botocore.exceptions import BotoCoreError
        session = botocore.session.Session(profile=sys.argv[1] if len(sys.argv) > 1 else None)
        try:
            credentials = session.get_credentials()
        except BotoCoreError:
            credentials = None
        try:
            region = session.get_config_variable("region")
        except BotoCoreError:
            region = None
        print(json.dumps({"key": credentials.access_key if credentials else None, "region": region}))
        """

    static func botocore(environment: [String: String], profile: String?) throws -> Answer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: botocorePython ?? "python3")
        process.arguments = ["-c", script] + (profile.map { [$0] } ?? [])
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode(Answer.self, from: data)
    }
}

/// The absolute path of a python3 that has botocore (found through PATH), nil when there is none.
/// Absolute, because tests run python with a scratch HOME in which version-manager shims do not work.
let botocorePython: String? = python3(importing: "botocore")
