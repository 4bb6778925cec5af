import AuroraDataAPI
import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import AuroraSigV4
import AuroraTestSupport
import Foundation

/// One `bootstrap` process serving `handler` against the shared local endpoint of `engine`, on a fresh database,
/// driven by a ``FakeLambdaRuntimeAPI``; and a fake pre-signed response URL for custom resource answers.
struct LambdaFixture {
    let endpoint: LocalEndpointFixture
    let database: String
    let runtimeAPI: FakeLambdaRuntimeAPI
    let process: BootstrapProcess
    let environment: [String: String]

    /// The repository's `scripts/schema`.
    static let schemaDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/schema").path

    /// A secret the logs are checked for: the session token the process is given.
    static let sessionToken = "session-token-that-must-never-be-logged"

    static func start(
        _ engine: DatabaseEngine, handler: String, schemaDirectory: String = schemaDirectory, database: String? = nil,
        extra: [String: String] = [:], removing: [String] = []
    ) async throws -> LambdaFixture {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let name: String
        if let database { name = database } else { name = try await endpoint.makeDatabase("lambda") }
        let runtimeAPI = try await FakeLambdaRuntimeAPI.start()
        var environment = [
            "AWS_LAMBDA_RUNTIME_API": runtimeAPI.address, "_HANDLER": handler,
            "AURORA_RESOURCE_ARN": endpoint.resourceArn, "AURORA_SECRET_ARN": endpoint.secretArn, "AURORA_DATABASE": name,
            "AURORA_SCHEMA_DIR": schemaDirectory, "AWS_ENDPOINT_URL_RDS_DATA": endpoint.url, "AWS_REGION": endpoint.region,
            "AWS_ACCESS_KEY_ID": endpoint.credentials.accessKeyId, "AWS_SECRET_ACCESS_KEY": endpoint.credentials.secretAccessKey,
            "AWS_SESSION_TOKEN": "", "AWS_EC2_METADATA_DISABLED": "true", "HOME": "/nonexistent",
        ]
        environment.merge(extra) { _, new in new }
        for name in removing { environment.removeValue(forKey: name) }
        let process = try BootstrapProcess(environment: environment)
        return LambdaFixture(endpoint: endpoint, database: name, runtimeAPI: runtimeAPI, process: process, environment: environment)
    }

    var client: DataAPIClient { endpoint.client(database: database) }

    func stop() async {
        await process.stop()
        await runtimeAPI.shutdown()
    }

    /// A folder of scripts: `files` maps names to SQL text.
    static func scripts(_ files: [String: String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return directory.path
    }

    /// Tables of the fixture's database, lower-cased and sorted.
    func tables() async throws -> [String] {
        let sql = endpoint.engine == .postgresql
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
        let rows = try await client.execute(SQLQuery(unsafeSQL: sql)).records ?? []
        return rows.compactMap { row -> String? in
            if case .string(let name)? = row.first { return name.lowercased() }
            return nil
        }.sorted()
    }
}
