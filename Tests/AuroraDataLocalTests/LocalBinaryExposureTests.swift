import AuroraAWS
import AuroraDatabaseDrivers
import AuroraDatabaseServers
import AuroraDataLocal
import AuroraDataLocalTestSupport
import AuroraSigV4
import Foundation
import Testing

/// The `aurora-data-local` executable: what it refuses at start, what it never prints, how it fails.
@Suite("aurora-data-local exposure and secrets")
struct LocalBinaryExposureTests {
    static let password = "Pw9f3kZqLeak"

    @Test(arguments: ["0.0.0.0", "::", "192.168.1.20"])
    func nonLoopbackHostWithTheDefaultKeysIsRefused(host: String) async throws {
        let process = try LocalEndpointProcess([
            "--host", host, "--port", "0", "--database-url", "postgresql://u:\(Self.password)@127.0.0.1:1/db",
        ])
        #expect(try await process.exitStatus() != 0)
        #expect(process.output.contains("Refusing to listen on \(host)"), "\(process.output)")
        #expect(process.output.contains("--secret-access-key"))
    }

    @Test func loopbackRecognition() {
        for host in ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"] {
            #expect(LocalEndpointConfiguration.isLoopback(host), "\(host)")
        }
        for host in ["0.0.0.0", "::", "10.0.0.1", "192.168.1.20", "example.com", "::ffff:10.0.0.1", "fe80::1"] {
            #expect(!LocalEndpointConfiguration.isLoopback(host), "\(host)")
        }
    }

    @Test func libraryServerRefusesToExposeTheDefaultKeys() async throws {
        let server = LocalDataAPIServer(configuration: LocalEndpointConfiguration(host: "0.0.0.0"))
        await #expect(throws: LocalEndpointError.self) { try await server.start() }
        await server.stop()
    }

    /// `--engine both` with custom ARNs is refused only when no database URL is given by any route: a URL from the
    /// environment or a file names one existing server, for which the ARNs are fine.
    @Test func customARNsWithBothEnginesNeedNoURLFromAnyRoute() async throws {
        let arn = ["--engine", "both", "--resource-arn", "arn:aws:rds:us-east-1:000000000000:cluster:mine", "--port", "0"]
        let refused = try LocalEndpointProcess(arn)
        #expect(try await refused.exitStatus() == 2)
        #expect(refused.output.contains("need a single engine"), "\(refused.output)")

        let fromEnvironment = try LocalEndpointProcess(
            arn, environment: ["AURORA_LOCAL_DATABASE_URL": "postgresql://u:p@127.0.0.1:1/db"])
        #expect(try await fromEnvironment.exitStatus() == 2)
        #expect(!fromEnvironment.output.contains("need a single engine"), "\(fromEnvironment.output)")
        #expect(fromEnvironment.output.contains("127.0.0.1:1"), "the URL's server is tried: \(fromEnvironment.output)")
    }

    /// Failing starts of the real binary, each with the password in the URL: it never appears in the output.
    @Test func databasePasswordNeverAppearsInTheOutput() async throws {
        let urlFile = FileManager.default.temporaryDirectory.appendingPathComponent("url-\(UUID().uuidString)")
        try "mysql://u:\(Self.password)@127.0.0.1:1/db\n".write(to: urlFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: urlFile) }
        let starts: [([String], [String: String])] = [
            (["--database-url", "postgresql://u:\(Self.password)@host:notaport/db"], [:]),
            (["--database-url", "ftp://u:\(Self.password)@host/db"], [:]),
            (["--database-url", "postgresql://u:\(Self.password)@127.0.0.1:1/db"], [:]),
            (["--database-url", "postgresql://u:\(Self.password)@127.0.0.1:99999/db"], [:]),
            (["--database-url", "postgresql://u:\(Self.password)/x@host/db"], [:]),
            (["--verbose"], ["AURORA_LOCAL_DATABASE_URL": "postgres://u:\(Self.password)@127.0.0.1:1/db"]),
            (["--database-url-file", urlFile.path], [:]),
        ]
        for (arguments, environment) in starts {
            let process = try LocalEndpointProcess(arguments + ["--port", "0"], environment: environment)
            let status = try await process.exitStatus()
            let output = process.output
            #expect(status != 0, "\(arguments): \(output)")
            #expect(!output.isEmpty, "\(arguments): no reason printed")
            #expect(!output.contains(Self.password), "\(arguments): \(output)")
        }
    }

    /// Custom keys from the environment and the database URL from a file: the secret is never printed, and the
    /// endpoint accepts requests signed with that pair (on a non-loopback address, allowed with custom keys).
    @Test func customSecretKeyIsNeverPrinted() async throws {
        let fixture = try await LocalEndpointFixture.shared(.postgresql)
        let urlFile = FileManager.default.temporaryDirectory.appendingPathComponent("url-\(UUID().uuidString)")
        try LocalEndpointProcess.url(of: fixture.databaseServer.address, database: fixture.database)
            .write(to: urlFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: urlFile) }
        let secret = "custom-secret-\(UUID().uuidString)"
        let process = try LocalEndpointProcess(
            ["--host", "0.0.0.0", "--port", "0", "--database-url-file", urlFile.path, "--verbose"],
            environment: ["AURORA_LOCAL_ACCESS_KEY_ID": "AKIDCUSTOM", "AURORA_LOCAL_SECRET_ACCESS_KEY": secret])
        defer { process.kill() }
        let endpoint = try await process.ready().replacing("0.0.0.0", with: "127.0.0.1")
        let body = #"{"resourceArn":"\#(fixture.resourceArn)","secretArn":"\#(fixture.secretArn)","sql":"SELECT 1"}"#
        let accepted = try await fixture.send(
            "/Execute", body: body, to: endpoint, signing: .with(AWSCredentials(accessKeyId: "AKIDCUSTOM", secretAccessKey: secret)))
        #expect(accepted.status == 200)
        let refused = try await fixture.send("/Execute", body: body, to: endpoint, signing: .local)
        #expect(refused.status == 403)
        #expect(process.output.contains("AKIDCUSTOM"))
        #expect(!process.output.contains(secret), "\(process.output)")
        #expect(!process.output.contains(fixture.databaseServer.address.credentials.password) || fixture.databaseServer.address.credentials.password.isEmpty)
    }

    /// A server that cannot run (port taken, database unreachable) exits non-zero with the reason.
    @Test func failingServerExitsNonZeroWithTheReason() async throws {
        let fixture = try await LocalEndpointFixture.shared(.postgresql)
        let url = LocalEndpointProcess.url(of: fixture.databaseServer.address, database: fixture.database)
        // The shared endpoint holds its port: a second endpoint on it cannot listen.
        let taken = try LocalEndpointProcess(["--port", String(fixture.port), "--database-url", url])
        #expect(try await taken.exitStatus() != 0)
        #expect(taken.output.contains("Cannot listen on 127.0.0.1:\(fixture.port)"), "\(taken.output)")
        let unreachable = try LocalEndpointProcess(["--port", "0", "--database-url", "postgresql://u@127.0.0.1:1/db"])
        #expect(try await unreachable.exitStatus() != 0)
        #expect(unreachable.output.contains("cannot use the database"), "\(unreachable.output)")
    }
}
