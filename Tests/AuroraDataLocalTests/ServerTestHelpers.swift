import AuroraAWS
import AuroraDatabaseDrivers
import AuroraDataLocal
import AuroraDataLocalTestSupport
import Foundation
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
        _ path: String, _ body: [String: Any], to endpointURL: String? = nil, signing: Signing = .local, date: Date = Date()
    ) async throws -> EndpointAnswer {
        var body = body
        if body["resourceArn"] == nil { body["resourceArn"] = resourceArn }
        if body["secretArn"] == nil { body["secretArn"] = secretArn }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        return try await callRaw(path, text, to: endpointURL, signing: signing, date: date)
    }

    func callRaw(
        _ path: String, _ text: String, to endpointURL: String? = nil, signing: Signing = .local, date: Date = Date()
    ) async throws -> EndpointAnswer {
        let response = try await send(path, body: text, to: endpointURL, signing: signing, date: date)
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

    /// Starts another endpoint on the same database server with changed settings; stop it with `stop()`.
    func endpoint(_ change: (inout LocalEndpointConfiguration) -> Void) async throws -> (LocalDataAPIServer, String) {
        var configuration = configuration()
        change(&configuration)
        let server = LocalDataAPIServer(configuration: configuration)
        let port = try await server.start()
        return (server, "http://127.0.0.1:\(port)")
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

/// The engines every server test runs against.
let serverEngines: [DatabaseEngine] = [.postgresql, .mysql]
