import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import AuroraSigV4
import AuroraTestSupport
import Foundation
import Testing

/// Runs the built `aurora-data` executable against a scripted Data API endpoint on 127.0.0.1.
@Suite("aurora-data exec, end to end", .serialized)
struct ExecBinaryTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `aurora-data` executable next to the test bundle (`swift build` puts both in `.build/<config>`).
    static func executable() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("aurora-data")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "build the aurora-data product first (swift build)"])
    }

    static let environment = [
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "AWS_SESSION_TOKEN": "very-secret-session-token", "AWS_REGION": "us-east-1",
        "AURORA_RESOURCE_ARN": "arn:aws:rds:us-east-1:123456789012:cluster:c1",
        "AURORA_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:s1", "HOME": "/nonexistent",
    ]

    /// ``environment`` with the local endpoint's keys and ARNs.
    static func environment(for endpoint: LocalEndpointFixture) -> [String: String] {
        var environment = environment
        environment["AWS_ACCESS_KEY_ID"] = endpoint.credentials.accessKeyId
        environment["AWS_SECRET_ACCESS_KEY"] = endpoint.credentials.secretAccessKey
        environment["AWS_SESSION_TOKEN"] = nil
        environment["AURORA_RESOURCE_ARN"] = endpoint.resourceArn
        environment["AURORA_SECRET_ARN"] = endpoint.secretArn
        return environment
    }

    /// Runs the executable on a dispatch thread, so the scripted server's tasks keep the cooperative pool.
    /// - Parameter stdin: the text on its standard input (a pipe); nil leaves the test's own.
    static func run(
        _ arguments: [String], endpoint: String?, environment: [String: String] = environment, stdin: String? = nil
    ) async throws -> Run {
        try await offPool { try runBlocking(arguments, endpoint: endpoint, environment: environment, stdin: stdin) }
    }

    private static func runBlocking(
        _ arguments: [String], endpoint: String?, environment: [String: String], stdin: String?
    ) throws -> Run {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments + (endpoint.map { ["--endpoint-url", $0] } ?? [])
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = stdin.map { _ in Pipe() }
        if let input { process.standardInput = input }
        try process.run()
        if let input, let stdin {
            // A writer thread: a script larger than the pipe buffer must not block reading the output.
            Thread.detachNewThread {
                input.fileHandleForWriting.write(Data(stdin.utf8))
                try? input.fileHandleForWriting.close()
            }
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static let selectResponse = ScriptedResponse.json("""
        {"records":[[{"longValue":5},{"stringValue":"hello"},{"isNull":true}]],
         "columnMetadata":[{"label":"id","typeName":"int4"},{"label":"title","typeName":"text"},{"label":"note","typeName":"text"}]}
        """, headers: [("x-amzn-RequestId", "r-1")])

    @Test("runs a statement with typed parameters and prints JSON when stdout is a pipe")
    func jsonOutput() async throws {
        try await ScriptedHTTPServer.withServer(responses: [Self.selectResponse]) { server in
            let run = try await Self.run(
                ["exec", "SELECT id, title, note FROM posts WHERE id = :id AND d = :d", "--param", "id=int:5",
                 "--param", "d=date:2024-01-01", "--database", "blog"],
                endpoint: server.baseURL)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == "[\n  {\"id\": 5, \"title\": \"hello\", \"note\": null}\n]\n")
            let request = try #require(server.requests.first)
            #expect(request.uri == "/Execute")
            let body = try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
            #expect(body?["database"] as? String == "blog")
            #expect(body?["includeResultMetadata"] as? Bool == true)
            #expect(body?["resourceArn"] as? String == "arn:aws:rds:us-east-1:123456789012:cluster:c1")
            let parameters = body?["parameters"] as? [[String: Any]]
            #expect(parameters?.count == 2)
            #expect(parameters?.last?["typeHint"] as? String == "DATE")
            #expect(request.header("x-amz-security-token") == "very-secret-session-token")
            #expect(request.header("authorization")?.contains("/us-east-1/rds-data/aws4_request") == true)
        }
    }

    @Test("--format csv and --sql-file")
    func csvFromFile() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("exec-\(UUID()).sql")
        try "SELECT 1".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        try await ScriptedHTTPServer.withServer(responses: [Self.selectResponse]) { server in
            let run = try await Self.run(["exec", "--sql-file", file.path, "--format", "csv"], endpoint: server.baseURL)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == "id,title,note\r\n5,hello,\r\n")
            #expect(server.requests.first?.bodyText.contains(#""sql":"SELECT 1""#) == true)
        }
    }

    @Test("a database error prints code, message and SQLState on stderr and exits 1")
    func databaseError() async throws {
        let response = ScriptedResponse.json(
            #"{"message":"ERROR: relation \"nope\" does not exist\n  Position: 15; SQLState: 42P01"}"#, status: 400,
            headers: [("x-amzn-ErrorType", "DatabaseErrorException"), ("x-amzn-RequestId", "req-77")])
        try await ScriptedHTTPServer.withServer(responses: [response]) { server in
            let run = try await Self.run(["exec", "SELECT * FROM nope"], endpoint: server.baseURL)
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.hasPrefix("error: DatabaseErrorException: ERROR: relation \"nope\" does not exist"))
            #expect(run.stderr.contains("SQLState: 42P01"))
            #expect(run.stderr.contains("request id: req-77"))
        }
    }

    @Test("no answer: exit 4 and a warning that the statement may have run; sent once")
    func outcomeUnknown() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.closeConnection(), Self.selectResponse]) { server in
            let run = try await Self.run(["exec", "DELETE FROM t"], endpoint: server.baseURL)
            #expect(run.status == 4)
            #expect(run.stderr.contains("OutcomeUnknown"))
            #expect(run.stderr.contains("may have run"))
            #expect(server.requests.count == 1)
        }
    }

    @Test("HTTP 500 InternalServerErrorException: exit 4, the statement may have run; sent once")
    func internalServerError() async throws {
        let response = ScriptedResponse.json(
            #"{"message":"An internal error occurred."}"#, status: 500,
            headers: [("x-amzn-ErrorType", "InternalServerErrorException"), ("x-amzn-RequestId", "req-500")])
        try await ScriptedHTTPServer.withServer(responses: [response, Self.selectResponse]) { server in
            let run = try await Self.run(["exec", "UPDATE t SET n = n + 1"], endpoint: server.baseURL)
            #expect(run.status == 4, "\(run.stderr)")
            #expect(run.stderr.hasPrefix("error: InternalServerErrorException: An internal error occurred."))
            #expect(run.stderr.contains("may have run"))
            #expect(run.stderr.contains("request id: req-500"))
            #expect(server.requests.count == 1)
        }
    }

    @Test("a body cut short advises a retry; a complete body the client cannot read does not")
    func malformedResponses() async throws {
        let cut = ScriptedResponse.json(#"{"records":[[{"longValue":5}"#)
        let unreadable = ScriptedResponse.json(#"{"records":[[{"longValue":5,"stringValue":"x"}]]}"#)
        try await ScriptedHTTPServer.withServer(responses: [cut, unreadable]) { server in
            let first = try await Self.run(["exec", "SELECT 5"], endpoint: server.baseURL)
            #expect(first.stderr.contains("MalformedResponse") && first.stderr.contains("retry the call"), "\(first.stderr)")
            let second = try await Self.run(["exec", "SELECT 5"], endpoint: server.baseURL)
            #expect(second.stderr.contains("MalformedResponse"), "\(second.stderr)")
            #expect(!second.stderr.contains("retry"), "\(second.stderr)")
        }
    }

    @Test("NaN and the infinities from PostgreSQL print as NaN, Infinity, -Infinity in every format")
    func nonFiniteDoubles() async throws {
        let endpoint = try await LocalEndpointFixture.shared(.postgresql)
        let environment = Self.environment(for: endpoint)
        let sql = "SELECT 'NaN'::float8 AS a, 'Infinity'::float8 AS b, '-Infinity'::float8 AS c, 'NaN'::real AS d, "
            + "ARRAY['NaN'::float8, 1.5, '-Infinity'] AS e, :p::float8 AS p"
        func run(_ format: String) async throws -> String {
            let run = try await Self.run(
                ["exec", sql, "--param", "p=double:Infinity", "--format", format], endpoint: endpoint.url,
                environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            return run.stdout
        }
        #expect(try await run("json") == """
            [
              {"a": "NaN", "b": "Infinity", "c": "-Infinity", "d": "NaN", "e": ["NaN",1.5,"-Infinity"], "p": "Infinity"}
            ]

            """)
        #expect(try await run("csv") == "a,b,c,d,e,p\r\nNaN,Infinity,-Infinity,NaN,\"[\"\"NaN\"\",1.5,\"\"-Infinity\"\"]\",Infinity\r\n")
        let table = try await run("table")
        #expect(table.contains("NaN") && table.contains("-Infinity"), "\(table)")
        #expect(!table.contains("nan") && !table.contains("inf "), "\(table)")
    }

    @Test("missing configuration exits 2 and says what to set")
    func missingConfiguration() async throws {
        var environment = Self.environment
        environment["AURORA_SECRET_ARN"] = nil
        let run = try await Self.run(["exec", "SELECT 1"], endpoint: "http://127.0.0.1:9", environment: environment)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--secret-arn"))
        #expect(run.stderr.contains("AURORA_SECRET_ARN"))
    }

    @Test("usage errors exit 64 without sending anything")
    func usageErrors() async throws {
        let badParam = try await Self.run(["exec", "SELECT :id", "--param", "id=int:x"], endpoint: "http://127.0.0.1:9")
        #expect(badParam.status == 64)
        #expect(badParam.stderr.contains("--param id=int:x"))
        let noSQL = try await Self.run(["exec"], endpoint: "http://127.0.0.1:9")
        #expect(noSQL.status == 64)
        let badFormat = try await Self.run(["exec", "SELECT 1", "--format", "xml"], endpoint: "http://127.0.0.1:9")
        #expect(badFormat.status == 64)
    }

    @Test("--debug shows the canonical request and string to sign, never secrets or the signature")
    func debug() async throws {
        try await ScriptedHTTPServer.withServer(responses: [Self.selectResponse]) { server in
            let run = try await Self.run(["exec", "SELECT 1", "--debug"], endpoint: server.baseURL)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("canonical-request"))
            #expect(run.stderr.contains("POST\n    /Execute"))
            #expect(run.stderr.contains("AWS4-HMAC-SHA256\n    20"))
            #expect(run.stderr.contains("x-amz-security-token:<redacted>"))
            let authorization = try #require(server.requests.first?.header("authorization"))
            let signature = try #require(authorization.split(separator: "=").last)
            #expect(!run.stderr.contains(signature))
            #expect(!run.stderr.contains("very-secret-session-token"))
            #expect(!run.stderr.contains("wJalrXUtnFEMI"))
        }
    }

    @Test("against the local endpoint on real PostgreSQL and MariaDB", arguments: [DatabaseEngine.postgresql, .mysql])
    func localEndpoint(_ engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let environment = Self.environment(for: endpoint)
        let run = try await Self.run(
            ["exec", "SELECT :n + 1 AS next, :s AS label, CAST(:d AS DECIMAL(6,2)) AS price", "--param", "n=int:41",
             "--param", "s=it's", "--param", "d=decimal:9.50"],
            endpoint: endpoint.url, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "[\n  {\"next\": 42, \"label\": \"it's\", \"price\": \"9.50\"}\n]\n")

        let failed = try await Self.run(["exec", "SELECT * FROM no_such_table"], endpoint: endpoint.url, environment: environment)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("SQLState: 42"))
    }

    @Test("a refused TLS handshake exits 3 at once, sending nothing; an unusable AWS_CA_BUNDLE exits 2")
    func tls() async throws {
        try await ScriptedHTTPServer.withServer(responses: [Self.selectResponse]) { server in
            let started = ContinuousClock.now
            let refused = try await Self.run(["exec", "SELECT 1"], endpoint: "https://127.0.0.1:\(server.port)")
            #expect(refused.status == 3, "\(refused.stderr)")
            #expect(refused.stderr.contains("TLSHandshakeFailed"))
            #expect(ContinuousClock.now - started < .seconds(10))
            #expect(server.requests.isEmpty)
        }
        var environment = Self.environment
        environment["AWS_CA_BUNDLE"] = "/nonexistent/ca.pem"
        let badBundle = try await Self.run(["exec", "SELECT 1"], endpoint: "https://127.0.0.1:9", environment: environment)
        #expect(badBundle.status == 2, "\(badBundle.stderr)")
        #expect(badBundle.stderr.contains("AWS_CA_BUNDLE is /nonexistent/ca.pem"))
    }

    @Test("--version prints the version and the commit checked out here")
    func version() async throws {
        let run = try await Self.run(["--version"], endpoint: nil)
        #expect(run.status == 0, "\(run.stderr)")
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.currentDirectoryURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        git.arguments = ["git", "-c", "safe.directory=*", "rev-parse", "HEAD"]
        let out = Pipe()
        git.standardOutput = out
        try git.run()
        let commit = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        git.waitUntilExit()
        #expect(commit.count == 40)
        #expect(run.stdout.hasPrefix("aurora-data "), "\(run.stdout)")
        #expect(run.stdout.contains(" (commit \(commit)"), "\(run.stdout)")
    }

    @Test("--help lists the exit codes")
    func help() async throws {
        let run = try await Self.run(["exec", "--help"], endpoint: nil)
        #expect(run.status == 0)
        #expect(run.stdout.contains("Exit codes"))
        #expect(run.stdout.contains("--param"))
    }
}
