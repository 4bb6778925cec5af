import AuroraAWS
import AuroraDatabaseDrivers
import AuroraDataLocal
import AuroraDataLocalTestSupport
import Foundation
import Logging
import Testing

/// One answer of the local endpoint, with its JSON body parsed.
struct EndpointAnswer {
    var status: Int
    var json: [String: Any]
    var headers: [(name: String, value: String)]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var code: String? { json["code"] as? String }
    var message: String? { json["message"] as? String }
    var records: [[[String: Any]]]? { json["records"] as? [[[String: Any]]] }
}

extension LocalEndpointFixture {
    /// Posts `body` (a JSON object; `resourceArn`/`secretArn` added unless present) to `path` over HTTP.
    func call(
        _ path: String, _ body: [String: Any], to endpointURL: String? = nil, signing: Signing = .local, date: Date = Date(),
        transport: AsyncHTTPClientTransport = AsyncHTTPClientTransport()
    ) async throws -> EndpointAnswer {
        var body = body
        if body["resourceArn"] == nil { body["resourceArn"] = resourceArn }
        if body["secretArn"] == nil { body["secretArn"] = secretArn }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        return try await callRaw(path, text, to: endpointURL, signing: signing, date: date, transport: transport)
    }

    func callRaw(
        _ path: String, _ text: String, to endpointURL: String? = nil, signing: Signing = .local, date: Date = Date(),
        transport: AsyncHTTPClientTransport = AsyncHTTPClientTransport()
    ) async throws -> EndpointAnswer {
        let response = try await send(path, body: text, to: endpointURL, signing: signing, date: date, transport: transport)
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return EndpointAnswer(status: response.status, json: json, headers: response.headers)
    }

    /// Runs one statement and expects success.
    @discardableResult
    func sql(_ sql: String, database: String, _ extra: [String: Any] = [:], to endpointURL: String? = nil) async throws
        -> EndpointAnswer
    {
        var body = extra
        body["sql"] = sql
        body["database"] = database
        let answer = try await call("/Execute", body, to: endpointURL)
        #expect(answer.status == 200, "\(sql): \(answer.json)")
        return answer
    }

    /// Runs `body` with the URL of another endpoint on the same database server with changed settings (and
    /// `logger`, silent by default), and stops that endpoint (awaited) when `body` returns or throws.
    func withEndpoint<T>(
        logger: Logger? = nil, _ change: (inout LocalEndpointConfiguration) -> Void, _ body: (String) async throws -> T
    ) async throws -> T {
        var configuration = configuration()
        change(&configuration)
        let server = logger.map { LocalDataAPIServer(configuration: configuration, logger: $0) }
            ?? LocalDataAPIServer(configuration: configuration)
        let port = try await server.start()
        do {
            let result = try await body("http://127.0.0.1:\(port)")
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Begins a transaction on `database` and returns its id.
    func begin(_ database: String, to endpointURL: String? = nil) async throws -> String {
        let answer = try await call("/BeginTransaction", ["database": database], to: endpointURL)
        return try #require(answer.json["transactionId"] as? String, "\(answer.json)")
    }

    /// The number the first column of the first row of `sql` holds.
    func number(
        _ sql: String, database: String, _ extra: [String: Any] = [:], to endpointURL: String? = nil
    ) async throws -> Int64? {
        let answer = try await self.sql(sql, database: database, extra, to: endpointURL)
        let field = answer.records?.first?.first
        return (field?["longValue"] as? NSNumber)?.int64Value ?? (field?["stringValue"] as? String).flatMap { Int64($0) }
    }

    /// Waits until a statement that starts with `prefix` runs on the database server.
    func waitForRunning(_ prefix: String, database: String, to endpointURL: String? = nil) async throws {
        let sql = engine == .postgresql
            ? "SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active' AND datname = current_database() "
                + "AND query LIKE '\(prefix)%'"
            : "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE '\(prefix)%'"
        try await waitUntil("'\(prefix)' runs") {
            (try await number(sql, database: database, to: endpointURL) ?? 0) > 0
        }
    }

    /// `SELECT` that sleeps `seconds` in this engine's SQL.
    func sleepSQL(_ seconds: Int) -> String {
        engine == .postgresql ? "SELECT pg_sleep(\(seconds))" : "SELECT SLEEP(\(seconds))"
    }

    /// The number the first column of the first row holds.
    func count(_ table: String, database: String, to endpointURL: String? = nil) async throws -> Int64? {
        let answer = try await sql("SELECT COUNT(*) AS n FROM \(table)", database: database, to: endpointURL)
        return (answer.records?.first?.first?["longValue"] as? NSNumber)?.int64Value
    }
}

/// Polls `condition` until it holds; fails the test after `timeout` (a bound for a loaded machine, not a wait).
func waitUntil(
    _ what: String, timeout: Duration = .seconds(30), _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("timed out waiting until \(what)")
            throw CancellationError()
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// The engines every server test runs against.
let serverEngines: [DatabaseEngine] = [.postgresql, .mysql]
