import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import Testing
import AuroraDataAPI
import AuroraDataAPIModel
import AuroraMigrate
import Foundation

/// A fresh database on the shared local endpoint (real HTTP, real PostgreSQL or MariaDB) and a scripts
/// directory of its own.
struct MigrationTestDatabase {
    let engine: MigrationEngine
    let endpoint: LocalEndpointFixture
    let client: DataAPIClient
    let directory: URL

    static func make(_ engine: MigrationEngine, scripts: [String: String]) async throws -> MigrationTestDatabase {
        let endpoint = try await LocalEndpointFixture.shared(engine == .postgresql ? .postgresql : .mysql)
        let database = try await endpoint.makeDatabase("migrate")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let made = MigrationTestDatabase(
            engine: engine, endpoint: endpoint, client: endpoint.client(database: database), directory: directory)
        for (name, text) in scripts { try made.write(name, text) }
        return made
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func migrator(
        database: (any MigrationDatabase)? = nil, lockTimeout: Duration = .seconds(60), appliedBy: String = "tests"
    ) throws -> Migrator {
        Migrator(
            database: database ?? client, scripts: try MigrationScripts.load(directory: directory.path),
            options: .init(engine: nil, appliedBy: appliedBy, lockTimeout: lockTimeout, lockPollInterval: .milliseconds(50)))
    }

    /// The first column of every row of `sql`, as text.
    func column(_ sql: String) async throws -> [String] {
        let response = try await client.execute(sql, parameters: [], transactionId: nil)
        return (response.records ?? []).map { row in
            switch row.first {
            case .string(let text): return text
            case .long(let value): return String(value)
            case .bool(let value): return String(value)
            default: return "NULL"
            }
        }
    }

    /// Whether a table exists in the current database / schema.
    func tableExists(_ name: String) async throws -> Bool {
        let sql = engine == .postgresql
            ? "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = '\(name)'"
            : "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '\(name)'"
        return try await column(sql) == ["1"]
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Runs `body` and returns the `MigrationError` it threw (nil when it did not throw one).
func migrationError(_ body: () async throws -> Void) async -> MigrationError? {
    do {
        try await body()
        return nil
    } catch let error as MigrationError {
        return error
    } catch {
        Issue.record("expected a MigrationError, got \(error)")
        return nil
    }
}
