import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import AuroraSigV4
import Foundation
import Testing

/// Runs the built `aurora-data migrate` against the local endpoint on real PostgreSQL and MariaDB, each test in a
/// fresh database and a scripts directory of its own.
@Suite("aurora-data migrate, end to end")
struct MigrateBinaryTests {
    /// One test's database and scripts directory, and the `aurora-data` invocations on them.
    struct Harness {
        let endpoint: LocalEndpointFixture
        let database: String
        let dir: URL
        let environment: [String: String]

        init(_ engine: DatabaseEngine) async throws {
            endpoint = try await LocalEndpointFixture.shared(engine)
            database = try await endpoint.makeDatabase("migrate_cli")
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-cli-\(UUID())")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            environment = ExecBinaryTests.environment(for: endpoint)
        }

        func write(_ name: String, _ text: String) throws {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }

        /// `aurora-data migrate <arguments> --dir <dir> --database <database>`.
        func migrate(_ arguments: [String] = [], environment: [String: String]? = nil) async throws -> ExecBinaryTests.Run {
            try await ExecBinaryTests.run(
                ["migrate"] + arguments + ["--dir", dir.path, "--database", database], endpoint: endpoint.url,
                environment: environment ?? self.environment)
        }

        /// `migrate <arguments> --format json`, which must succeed, parsed.
        func migrateJSON(_ arguments: [String] = []) async throws -> Any {
            let run = try await migrate(arguments + ["--format", "json"])
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        }

        /// The state of every version in `migrate status --format json`, by version.
        func states() async throws -> [Int: String] {
            let status = try #require(try await migrateJSON(["status"]) as? [String: Any])
            let versions = try #require(status["versions"] as? [[String: Any]])
            var states: [Int: String] = [:]
            for entry in versions {
                states[try #require(entry["version"] as? Int)] = try #require(entry["state"] as? String)
            }
            return states
        }

        /// `aurora-data exec <sql> --format json` in this database.
        func exec(_ sql: String) async throws -> ExecBinaryTests.Run {
            try await ExecBinaryTests.run(
                ["exec", sql, "--database", database, "--format", "json"], endpoint: endpoint.url, environment: environment)
        }

        /// `SELECT COUNT(*) AS n FROM <table>`, which must succeed.
        func count(_ table: String) async throws -> Int? {
            let run = try await exec("SELECT COUNT(*) AS n FROM \(table)")
            #expect(run.status == 0, "\(run.stderr)")
            let rows = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
            return rows?.first?["n"] as? Int
        }

        func removeDirectory() {
            try? FileManager.default.removeItem(at: dir)
        }
    }

    static let repositorySchema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/schema")

    static func applied(_ report: Any) -> [Int]? {
        (report as? [String: Any])?["applied"] as? [Int]
    }

    @Test("the repository's schema applies on a fresh database, status shows it all applied, a re-run is a no-op",
          arguments: [DatabaseEngine.postgresql, .mysql])
    func repositorySchema(_ engine: DatabaseEngine) async throws {
        let harness = try await Harness(engine)
        defer { harness.removeDirectory() }
        try FileManager.default.removeItem(at: harness.dir)
        try FileManager.default.copyItem(at: Self.repositorySchema, to: harness.dir)

        let first = try await harness.migrateJSON()
        #expect(Self.applied(first) == [1, 2, 3, 4])
        #expect((first as? [String: Any])?["currentVersion"] as? Int == 4)
        #expect(try await harness.states() == [1: "applied", 2: "applied", 3: "applied", 4: "applied"])
        #expect(try await harness.count("posts") == 2)
        #expect(try await harness.count("comments") == 1)

        let second = try await harness.migrate()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == "Nothing to apply: the database is at version 4.\n")
        #expect(try await harness.count("posts") == 2)
    }

    @Test("plan lists pending statements with versions and lines; --target 1 applies only v1",
          arguments: [DatabaseEngine.postgresql, .mysql])
    func planAndTarget(_ engine: DatabaseEngine) async throws {
        let harness = try await Harness(engine)
        defer { harness.removeDirectory() }
        try harness.write("v1.sql", "-- v1\nCREATE TABLE t1 (id INT PRIMARY KEY);\n\nINSERT INTO t1 (id) VALUES (1);\n")
        try harness.write("v2.sql", "CREATE TABLE t2 (id INT PRIMARY KEY);\n")

        let plan = try #require(try await harness.migrateJSON(["plan"]) as? [[String: Any]])
        #expect(plan.map { $0["version"] as? Int } == [1, 1, 2])
        #expect(plan.map { $0["file"] as? String } == ["v1.sql", "v1.sql", "v2.sql"])
        #expect(plan.map { $0["line"] as? Int } == [2, 4, 1])
        #expect(plan.map { $0["sql"] as? String } == [
            "CREATE TABLE t1 (id INT PRIMARY KEY)", "INSERT INTO t1 (id) VALUES (1)", "CREATE TABLE t2 (id INT PRIMARY KEY)",
        ])
        // plan runs nothing.
        #expect(try await harness.exec("SELECT id FROM t1").status == 1)

        #expect(Self.applied(try await harness.migrateJSON(["--target", "1"])) == [1])
        #expect(try await harness.states() == [1: "applied", 2: "pending"])
        #expect(try await harness.count("t1") == 1)
        #expect(try await harness.exec("SELECT id FROM t2").status == 1)
        let rest = try #require(try await harness.migrateJSON(["plan"]) as? [[String: Any]])
        #expect(rest.map { $0["version"] as? Int } == [2])

        #expect(Self.applied(try await harness.migrateJSON()) == [2])
        let none = try #require(try await harness.migrateJSON(["plan"]) as? [[String: Any]])
        #expect(none.isEmpty)
    }

    @Test("hash is stable, changes with a script, ignores CRLF line ends")
    func hash() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-hash-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let v1 = dir.appendingPathComponent("v1.sql")
        func hash() async throws -> String {
            let run = try await ExecBinaryTests.run(["migrate", "hash", "--dir", dir.path], endpoint: nil)
            #expect(run.status == 0, "\(run.stderr)")
            return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        try "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\n".write(to: v1, atomically: true, encoding: .utf8)
        let first = try await hash()
        #expect(first.count == 64 && first.allSatisfy(\.isHexDigit), "\(first)")
        #expect(try await hash() == first)

        try "CREATE TABLE a (id INT);\r\nCREATE TABLE b (id INT);\r\n".write(to: v1, atomically: true, encoding: .utf8)
        #expect(try await hash() == first)

        try "CREATE TABLE a (id BIGINT);\nCREATE TABLE b (id INT);\n".write(to: v1, atomically: true, encoding: .utf8)
        #expect(try await hash() != first)
    }

    @Test("an edited applied script fails migrate and validate naming it; repair accepts the edit",
          arguments: [DatabaseEngine.postgresql, .mysql])
    func editedScript(_ engine: DatabaseEngine) async throws {
        let harness = try await Harness(engine)
        defer { harness.removeDirectory() }
        try harness.write("v1.sql", "CREATE TABLE t1 (id INT PRIMARY KEY);\n")
        #expect(Self.applied(try await harness.migrateJSON()) == [1])

        try harness.write("v1.sql", "-- reworded\nCREATE TABLE t1 (id INT PRIMARY KEY);\n")
        try harness.write("v2.sql", "CREATE TABLE t2 (id INT PRIMARY KEY);\n")
        for arguments in [[], ["validate"]] {
            let run = try await harness.migrate(arguments)
            #expect(run.status != 0, "\(arguments)")
            #expect(run.stderr.contains("version 1 (v1.sql) was edited"), "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("migrate repair"), "\(run.stderr)")
        }
        #expect(try await harness.states() == [1: "edited", 2: "pending"])
        #expect(try await harness.exec("SELECT id FROM t2").status == 1)

        let repair = try await harness.migrate(["repair"])
        #expect(repair.status == 0, "\(repair.stderr)")
        let validate = try await harness.migrate(["validate"])
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout == "Valid: 1 applied, 1 pending.\n")
        #expect(Self.applied(try await harness.migrateJSON()) == [2])
    }

    @Test("a failing statement names version, file, line and the database error; MySQL stays dirty until repair",
          arguments: [DatabaseEngine.postgresql, .mysql])
    func failingStatement(_ engine: DatabaseEngine) async throws {
        let harness = try await Harness(engine)
        defer { harness.removeDirectory() }
        try harness.write("v1.sql", "CREATE TABLE t1 (id INT PRIMARY KEY);\n")
        try harness.write("v2.sql", "CREATE TABLE t2 (id INT PRIMARY KEY);\nCREATE TABLE broken (id INT,,);\n")

        let failed = try await harness.migrate()
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("v2 v2.sql statement 2 (line 2) failed"), "\(failed.stderr)")
        #expect(failed.stderr.lowercased().contains("syntax"), "\(failed.stderr)")
        #expect(try await harness.count("t1") == 0)

        switch engine {
        case .postgresql:
            // The version was rolled back as a whole and is pending again.
            #expect(try await harness.states() == [1: "applied", 2: "pending"])
            #expect(try await harness.exec("SELECT id FROM t2").status == 1)
            try harness.write("v2.sql", "CREATE TABLE t2 (id INT PRIMARY KEY);\nCREATE TABLE fixed (id INT);\n")
            #expect(Self.applied(try await harness.migrateJSON()) == [2])
        case .mysql:
            #expect(try await harness.states() == [1: "applied", 2: "dirty"])
            #expect(try await harness.count("t2") == 0)  // statement 1 was committed
            let refused = try await harness.migrate()
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("version 2 (v2.sql) is dirty: statement 2 of 2 failed"), "\(refused.stderr)")
            #expect(refused.stderr.contains("--remove-failed"), "\(refused.stderr)")

            // Undo the partial change, fix the script, and let it run again from the start.
            #expect(try await harness.exec("DROP TABLE t2").status == 0)
            try harness.write("v2.sql", "CREATE TABLE t2 (id INT PRIMARY KEY);\nCREATE TABLE fixed (id INT);\n")
            let plainRepair = try await harness.migrate(["repair"])
            #expect(try await harness.states()[2] == "dirty", "plain repair must not resolve a dirty version: \(plainRepair)")
            let repair = try await harness.migrate(["repair", "--remove-failed"])
            #expect(repair.status == 0, "\(repair.stderr)")
            #expect(Self.applied(try await harness.migrateJSON()) == [2])
        }
        #expect(try await harness.states() == [1: "applied", 2: "applied"])
        #expect(try await harness.count("fixed") == 0)
    }

    @Test("reset needs --yes-destroy-all-data; with it every table is dropped and the scripts re-applied",
          arguments: [DatabaseEngine.postgresql, .mysql])
    func reset(_ engine: DatabaseEngine) async throws {
        let harness = try await Harness(engine)
        defer { harness.removeDirectory() }
        try harness.write("v1.sql", "CREATE TABLE t1 (id INT PRIMARY KEY);\n")
        #expect(Self.applied(try await harness.migrateJSON()) == [1])
        #expect(try await harness.exec("INSERT INTO t1 (id) VALUES (7)").status == 0)
        #expect(try await harness.exec("CREATE TABLE scratch (id INT)").status == 0)

        let refused = try await harness.migrate(["reset"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--yes-destroy-all-data"), "\(refused.stderr)")
        #expect(try await harness.count("t1") == 1)
        #expect(try await harness.count("scratch") == 0)
        #expect(try await harness.states() == [1: "applied"])

        let reset = try await harness.migrateJSON(["reset", "--yes-destroy-all-data"])
        #expect(Self.applied(reset) == [1])
        #expect(try await harness.count("t1") == 0)
        #expect(try await harness.exec("SELECT id FROM scratch").status == 1)
        #expect(try await harness.states() == [1: "applied"])
    }

    @Test("a gap or a stray file fails naming it before touching the database", arguments: [DatabaseEngine.postgresql, .mysql])
    func badScriptsDirectory(_ engine: DatabaseEngine) async throws {
        let harness = try await Harness(engine)
        defer { harness.removeDirectory() }
        try harness.write("v1.sql", "CREATE TABLE t1 (id INT PRIMARY KEY);\n")
        try harness.write("v3.sql", "CREATE TABLE t3 (id INT PRIMARY KEY);\n")
        let gap = try await harness.migrate()
        #expect(gap.status != 0)
        #expect(gap.stderr.contains("has no script for version 2 but has v3.sql"), "\(gap.stderr)")

        try FileManager.default.removeItem(at: harness.dir.appendingPathComponent("v3.sql"))
        try harness.write("notes.txt", "remember to add v2\n")
        for arguments in [[], ["status"], ["plan"]] {
            let stray = try await harness.migrate(arguments)
            #expect(stray.status != 0, "\(arguments)")
            #expect(stray.stderr.contains("notes.txt"), "\(arguments): \(stray.stderr)")
        }
        // Nothing ran: neither the script nor the history table exists.
        #expect(try await harness.exec("SELECT id FROM t1").status == 1)
        #expect(try await harness.exec("SELECT version FROM aurora_data_migrations").status == 1)
    }

    @Test("a missing resource ARN is a configuration error naming the option and the variable")
    func missingResourceArn() async throws {
        let harness = try await Harness(.postgresql)
        defer { harness.removeDirectory() }
        try harness.write("v1.sql", "CREATE TABLE t1 (id INT PRIMARY KEY);\n")
        var environment = harness.environment
        environment["AURORA_RESOURCE_ARN"] = nil
        let run = try await harness.migrate([], environment: environment)
        #expect(run.status == 2)  // a configuration error, the same code as exec
        #expect(run.stderr.contains("InvalidConfiguration: No cluster ARN"), "\(run.stderr)")
        #expect(run.stderr.contains("--resource-arn"), "\(run.stderr)")
        #expect(run.stderr.contains("AURORA_RESOURCE_ARN"), "\(run.stderr)")
        #expect(try await harness.exec("SELECT id FROM t1").status == 1)
    }
}
