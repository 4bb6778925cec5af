import AuroraDataAPI
import AuroraDataLocal
import AuroraDataLocalTestSupport
import AuroraMigrate
import Foundation
import Testing

/// Migrations through the local Data API endpoint on real PostgreSQL and MariaDB.
@Suite("Migrator on both engines", .serialized)
struct MigratorIntegrationTests {
    static let exampleSchema: [String: String] = {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../scripts/schema").standardized
        var files: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasSuffix(".sql") {
            files[name] = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }()

    @Test(arguments: MigrationEngine.allCases)
    func exampleSchemaAppliesThenRerunIsANoOpThenANewVersionApplies(_ engine: MigrationEngine) async throws {
        let db = try await MigrationTestDatabase.make(engine, scripts: Self.exampleSchema)
        defer { db.cleanUp() }
        let first = try await db.migrator().migrate()
        #expect(first.engine == engine)
        #expect(first.applied == [1, 2, 3, 4])
        #expect(try await db.column("SELECT title FROM posts ORDER BY id") == ["A serverless blogpost with Aurora", "Draft: migrations"])
        #expect(try await db.column("SELECT count(*) FROM comments") == ["1"])

        let again = try await db.migrator().migrate()
        #expect(again.applied.isEmpty)
        #expect(again.currentVersion == 4)

        try db.write("v5.sql", "CREATE TABLE tags (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL);\nINSERT INTO tags (id, name) VALUES (1, 'aurora');\n")
        let plan = try await db.migrator().plan()
        #expect(plan.map(\.version) == [5, 5])
        #expect(plan.map(\.line) == [1, 2])
        let third = try await db.migrator().migrate()
        #expect(third.applied == [5])
        let status = try await db.migrator().status()
        #expect(status.versions.map(\.state) == [.applied, .applied, .applied, .applied, .applied])
        #expect(status.versions.allSatisfy { $0.record?.appliedBy == "tests" && $0.record?.finishedAt != nil })
        #expect(status.versions[4].record?.statementsApplied == 2)
    }

    @Test(arguments: MigrationEngine.allCases)
    func editedScriptIsRefusedUntilRepair(_ engine: MigrationEngine) async throws {
        let db = try await MigrationTestDatabase.make(engine, scripts: ["v1.sql": "CREATE TABLE a (id INTEGER);"])
        defer { db.cleanUp() }
        _ = try await db.migrator().migrate()
        let old = try db.migrator().scripts.files[0].checksum
        try db.write("v1.sql", "CREATE TABLE a (id BIGINT);")
        try db.write("v2.sql", "CREATE TABLE b (id INTEGER);")
        let new = try db.migrator().scripts.files[0].checksum
        let failure = await migrationError { _ = try await db.migrator().migrate() }
        #expect(failure?.code == .checksumMismatch)
        for part in ["version 1", "v1.sql", old, new] { #expect(failure?.message.contains(part) == true) }
        #expect(try await db.tableExists("b") == false)

        let repaired = try await db.migrator().repair()
        #expect(repaired.changes.count == 1)
        #expect(try await db.migrator().migrate().applied == [2])
    }

    @Test(arguments: MigrationEngine.allCases)
    func failingStatement(_ engine: MigrationEngine) async throws {
        let db = try await MigrationTestDatabase.make(engine, scripts: [
            "v1.sql": "CREATE TABLE a (id INTEGER);",
            "v2.sql": "CREATE TABLE b (id INTEGER);\nINSERT INTO missing_table VALUES (1);\nCREATE TABLE c (id INTEGER);",
        ])
        defer { db.cleanUp() }
        let failure = await migrationError { _ = try await db.migrator().migrate() }
        #expect(failure?.code == .statementFailed)
        #expect(failure?.message.contains("statement 2 of 3") == true)
        #expect(try await db.tableExists("a"))
        #expect(try await db.tableExists("c") == false)
        let status = try await db.migrator().status()
        switch engine {
        case .postgresql:
            // The whole version was rolled back and the attempt recorded; v2 is pending again.
            #expect(try await db.tableExists("b") == false)
            #expect(status.versions[1].state == .pending)
            #expect(status.versions[1].record?.state == .rolledBack)
            #expect(status.versions[1].record?.error?.contains("missing_table") == true)
            try db.write("v2.sql", "CREATE TABLE b (id INTEGER);\nCREATE TABLE c (id INTEGER);")
            #expect(try await db.migrator().migrate().applied == [2])
        case .mysql:
            // DDL committed itself: a precise dirty marker, refused until repair.
            #expect(try await db.tableExists("b"))
            #expect(status.versions[1].state == .dirty)
            #expect(status.versions[1].record?.statementsApplied == 1)
            #expect(status.versions[1].record?.error?.contains("missing_table") == true)
            let refused = await migrationError { _ = try await db.migrator().migrate() }
            #expect(refused?.code == .dirtyVersion)
            #expect(refused?.message.contains("statement 2 of 3") == true)
            let undecided = await migrationError { _ = try await db.migrator().repair() }
            #expect(undecided?.code == .dirtyVersion)
            // The user undoes statement 1 by hand, fixes the script and asks for a re-run.
            _ = try await db.client.execute("DROP TABLE b", parameters: [], transactionId: nil)
            try db.write("v2.sql", "CREATE TABLE b (id INTEGER);\nCREATE TABLE c (id INTEGER);")
            _ = try await db.migrator().repair(dirty: .removeFailed)
            #expect(try await db.migrator().migrate().applied == [2])
        }
        #expect(try await db.tableExists("c"))
        #expect(try await db.migrator().status().versions.map(\.state) == [.applied, .applied])
    }

    @Test(arguments: MigrationEngine.allCases)
    func markAppliedResolvesADirtyVersion(_ engine: MigrationEngine) async throws {
        let db = try await MigrationTestDatabase.make(engine, scripts: [
            "v1.sql": "CREATE TABLE a (id INTEGER);\nCREATE TABLE a (id INTEGER);"
        ])
        defer { db.cleanUp() }
        _ = await migrationError { _ = try await db.migrator().migrate() }
        if engine == .mysql {
            try db.write("v1.sql", "CREATE TABLE a (id INTEGER);")
            let report = try await db.migrator().repair(dirty: .markApplied)
            #expect(report.changes.contains { $0.contains("dirty -> applied") })
            #expect(try await db.migrator().status().versions.map(\.state) == [.baseline])
        } else {
            #expect(try await db.migrator().status().versions.map(\.state) == [.pending])
        }
    }

    @Test(arguments: MigrationEngine.allCases)
    func eightConcurrentRunnersApplyEachVersionOnce(_ engine: MigrationEngine) async throws {
        var scripts = ["v1.sql": "CREATE TABLE applied_log (version INTEGER NOT NULL, runner VARCHAR(40) NOT NULL);"]
        for version in 2...6 {
            scripts["v\(version).sql"] = """
                CREATE TABLE t\(version) (id INTEGER);
                INSERT INTO t\(version) VALUES (\(version));
                INSERT INTO applied_log (version, runner) VALUES (\(version), 'x');
                """
        }
        let db = try await MigrationTestDatabase.make(engine, scripts: scripts)
        defer { db.cleanUp() }
        let results = await withTaskGroup(of: Result<MigrationRunReport, any Error>.self) { group in
            for runner in 0..<8 {
                group.addTask {
                    do {
                        return .success(try await db.migrator(lockTimeout: .seconds(90), appliedBy: "runner-\(runner)").migrate())
                    } catch { return .failure(error) }
                }
            }
            var collected: [Result<MigrationRunReport, any Error>] = []
            for await result in group { collected.append(result) }
            return collected
        }
        var appliedByAll: [Int] = []
        for result in results {
            switch result {
            case .success(let report): appliedByAll += report.applied
            case .failure(let error):
                let failure = error as? MigrationError
                #expect(failure?.code == .lockTimeout, "unexpected failure: \(error)")
                #expect(failure?.message.contains("Another run holds the lock") == true)
            }
        }
        #expect(appliedByAll.sorted() == [1, 2, 3, 4, 5, 6])
        #expect(try await db.column("SELECT version FROM applied_log ORDER BY version") == ["2", "3", "4", "5", "6"])
        #expect(try await db.migrator().status().versions.allSatisfy { $0.state == .applied })
    }

    @Test(arguments: MigrationEngine.allCases)
    func lockTimeoutNamesTheHolder(_ engine: MigrationEngine) async throws {
        let db = try await MigrationTestDatabase.make(engine, scripts: ["v1.sql": "CREATE TABLE a (id INTEGER);"])
        defer { db.cleanUp() }
        _ = try await db.migrator().status()  // creates the history table
        // Hold the lock the way a running migration does.
        let transaction = try await db.client.beginTransaction()
        switch engine {
        case .postgresql:
            _ = try await db.client.execute(
                "SELECT pg_advisory_xact_lock(7022645016940080487)", parameters: [], transactionId: transaction)
        case .mysql:
            _ = try await db.client.execute(
                "CREATE TABLE IF NOT EXISTS aurora_data_migrations_lock (id INTEGER NOT NULL PRIMARY KEY, owner VARCHAR(255) NULL, expires_at DATETIME(3) NULL, renewals BIGINT NOT NULL DEFAULT 0)",
                parameters: [], transactionId: nil)
            _ = try await db.client.execute(
                "INSERT INTO aurora_data_migrations_lock VALUES (1, 'someone else', UTC_TIMESTAMP(3) + INTERVAL 1 HOUR, 0)",
                parameters: [], transactionId: nil)
        }
        let failure = await migrationError { _ = try await db.migrator(lockTimeout: .seconds(1)).migrate() }
        _ = try await db.client.rollbackTransaction(transaction) as String?
        #expect(failure?.code == .lockTimeout)
        #expect(failure?.message.contains("Another run holds the lock (owner") == true)
        if engine == .mysql { #expect(failure?.message.contains("someone else") == true) }
        #expect(try await db.tableExists("a") == false)
    }

    @Test(arguments: MigrationEngine.allCases)
    func baselineThenResetOnlyWithConfirmation(_ engine: MigrationEngine) async throws {
        let db = try await MigrationTestDatabase.make(engine, scripts: [
            "v1.sql": "CREATE TABLE a (id INTEGER);", "v2.sql": "CREATE TABLE b (id INTEGER);",
        ])
        defer { db.cleanUp() }
        _ = try await db.client.execute("CREATE TABLE a (id INTEGER)", parameters: [], transactionId: nil)
        let baseline = try await db.migrator().baseline(version: 1)
        #expect(baseline.changes.count == 1)
        #expect(try await db.migrator().migrate().applied == [2])
        let again = await migrationError { _ = try await db.migrator().baseline(version: 1) }
        #expect(again?.code == .invalidRequest)

        let refused = await migrationError { _ = try await db.migrator().reset(destroyAllData: false) }
        #expect(refused?.code == .confirmationRequired)
        #expect(try await db.tableExists("b"))
        _ = try await db.client.execute("INSERT INTO b VALUES (42)", parameters: [], transactionId: nil)
        let reset = try await db.migrator().reset(destroyAllData: true)
        #expect(reset.applied == [1, 2])
        #expect(try await db.column("SELECT count(*) FROM b") == ["0"])
    }
}

/// A paused Aurora Serverless v2 database: the endpoint's auto-pause simulation answers
/// `DatabaseResumingException` until the database has "resumed"; the client retries and the migration succeeds.
@Suite("Migrator on a paused database")
struct MigratorPausedDatabaseTests {
    @Test(arguments: MigrationEngine.allCases)
    func migrationWaitsForTheResume(_ engine: MigrationEngine) async throws {
        let db = try await MigrationTestDatabase.make(engine, scripts: [
            "v1.sql": "CREATE TABLE a (id INTEGER);", "v2.sql": "INSERT INTO a VALUES (1);",
        ])
        defer { db.cleanUp() }
        var configuration = db.endpoint.configuration()
        configuration.autoPause = .init(idleAfter: .milliseconds(200), resumeAfter: .seconds(2))
        let server = LocalDataAPIServer(configuration: configuration)
        let port = try await server.start()
        do {
            try await Task.sleep(for: .milliseconds(600))  // idle long enough to pause
            let database = try await db.column(db.engine == .postgresql ? "SELECT current_database()" : "SELECT DATABASE()")
            let paused = db.endpoint.client(database: database.first, endpointURL: "http://127.0.0.1:\(port)")
            let start = ContinuousClock.now
            let report = try await db.migrator(database: paused).migrate()
            #expect(report.applied == [1, 2])
            #expect(ContinuousClock.now - start >= .seconds(1))
            #expect(try await db.column("SELECT count(*) FROM a") == ["1"])
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}

@Suite("Migrator with statements that cannot run in a transaction")
struct MigratorNonTransactionalTests {
    /// PostgreSQL `CREATE INDEX CONCURRENTLY` runs outside the version's transaction (which still holds the lock);
    /// the version is recorded as not transactional.
    @Test func concurrentIndexRunsOutsideTheTransaction() async throws {
        let db = try await MigrationTestDatabase.make(.postgresql, scripts: [
            "v1.sql": "CREATE TABLE a (id INTEGER, name TEXT);",
            "v2.sql": "CREATE INDEX CONCURRENTLY a_name_idx ON a (name);\nINSERT INTO a VALUES (1, 'x');",
        ])
        defer { db.cleanUp() }
        #expect(try await db.migrator().migrate().applied == [1, 2])
        let status = try await db.migrator().status()
        #expect(status.versions.map(\.state) == [.applied, .applied])
        #expect(status.versions[0].record?.transactional == true)
        #expect(status.versions[1].record?.transactional == false)
        #expect(status.versions[1].record?.statementsApplied == 2)
        #expect(try await db.column("SELECT indexname::text FROM pg_indexes WHERE tablename = 'a'") == ["a_name_idx"])
    }
}
