import AuroraDataAPI
import AuroraDatabaseDrivers
import AuroraDataLocal
import AuroraDataLocalTestSupport
import AuroraMigrate
import Foundation
import Synchronization
import Testing

/// Passes every call through to the real endpoint, counting them, and lets a test act on the database just before
/// a given call goes out.
private final class ObservedDatabase: MigrationDatabase, Sendable {
    let wrapped: DataAPIClient
    let calls = Atomic(0)
    /// The SQL of every `execute`, in order.
    let statements = Mutex<[String]>([])
    /// Runs before each `execute`, with its SQL and parameters.
    let before: @Sendable (_ sql: String, _ parameters: [SqlParameter]) async throws -> Void

    init(
        _ wrapped: DataAPIClient,
        before: @escaping @Sendable (_ sql: String, _ parameters: [SqlParameter]) async throws -> Void = { _, _ in }
    ) {
        self.wrapped = wrapped
        self.before = before
    }

    func execute(_ sql: String, parameters: [SqlParameter], transactionId: String?) async throws -> ExecuteStatementResponse {
        try await before(sql, parameters)
        calls.add(1, ordering: .relaxed)
        statements.withLock { $0.append(sql) }
        return try await wrapped.execute(sql, parameters: parameters, transactionId: transactionId)
    }
    /// Calls of the step procedure (MySQL) and separate progress updates of the history made so far.
    var stepsAndProgressUpdates: (steps: Int, progressUpdates: Int) {
        statements.withLock { sql in
            (sql.count { $0.hasPrefix("CALL aurora_data_migrate_step") },
             sql.count { $0.hasPrefix("UPDATE aurora_data_migrations m JOIN") })
        }
    }

    func beginTransaction() async throws -> String {
        calls.add(1, ordering: .relaxed)
        return try await wrapped.beginTransaction()
    }
    func commitTransaction(_ transactionId: String) async throws {
        calls.add(1, ordering: .relaxed)
        try await wrapped.commitTransaction(transactionId) as Void
    }
    func rollbackTransaction(_ transactionId: String) async throws {
        calls.add(1, ordering: .relaxed)
        try await wrapped.rollbackTransaction(transactionId) as Void
    }
}

/// A version of `count` statements, each creating a table named after the version.
private func script(version: Int, statements count: Int) -> String {
    (1...count).map { "CREATE TABLE t\(version)_\($0) (id INTEGER);" }.joined(separator: "\n")
}

/// Data API calls per version, and what MySQL's step procedure (statement and progress in one call) does when a
/// statement cannot be prepared, when the lock is lost, and when the user may not create procedures.
@Suite("Migrator call counts and the MySQL step procedure", .serialized)
struct MigratorCallCountTests {
    /// Calls per version, measured as the difference between a run of 3 versions and a run of 1 (so the fixed
    /// cost of a run cancels out): statements + 1 on MySQL, statements + 5 on PostgreSQL (docs/migrations.md).
    @Test(arguments: MigrationEngine.allCases)
    func callsPerVersionAreStatementsPlusAConstant(_ engine: MigrationEngine) async throws {
        let statements = 4
        var runCalls: [Int] = []
        for versions in [1, 3] {
            let db = try await MigrationTestDatabase.make(
                engine,
                scripts: Dictionary(uniqueKeysWithValues: (1...versions).map { ("v\($0).sql", script(version: $0, statements: statements)) }))
            defer { db.cleanUp() }
            let observed = ObservedDatabase(db.client)
            #expect(try await db.migrator(database: observed).migrate().applied == Array(1...versions))
            runCalls.append(observed.calls.load(ordering: .relaxed))
            let status = try await db.migrator().status()
            #expect(status.versions.allSatisfy { $0.state == .applied && $0.record?.statementsApplied == statements })
            #expect(status.versions.allSatisfy { ($0.record?.durationMs ?? -1) >= 0 && $0.record?.finishedAt != nil })
        }
        let perVersion = (runCalls[1] - runCalls[0]) / 2
        #expect(perVersion == statements + (engine == .mysql ? 1 : 5), "calls per run: \(runCalls)")
    }

    /// MariaDB refuses to prepare `PREPARE` itself with error 1295, the error MySQL 8 gives for `CREATE TRIGGER` and
    /// other compound statements: such a statement runs directly, then its progress is recorded separately.
    @Test func statementTheServerCannotPrepareRunsDirectly() async throws {
        let db = try await MigrationTestDatabase.make(.mysql, scripts: [
            "v1.sql": "CREATE TABLE a (id INTEGER);\nPREPARE aurora_data_test FROM 'SELECT 1';\nCREATE TABLE b (id INTEGER);",
        ])
        defer { db.cleanUp() }
        let observed = ObservedDatabase(db.client)
        #expect(try await db.migrator(database: observed).migrate().applied == [1])
        #expect(try await db.tableExists("a"))
        #expect(try await db.tableExists("b"))
        let record = try #require(try await db.migrator().status().versions[0].record)
        #expect(record.state == .applied)
        #expect(record.statementsApplied == 3)
        // Three step calls (the second refused with 1295 before anything ran), then that statement directly and
        // one progress update for it.
        #expect(observed.stepsAndProgressUpdates == (3, 1))
    }

    /// Another run takes the lease between two statements: the next step call refuses before its statement runs,
    /// and the history keeps what was recorded.
    @Test func lostLockStopsBeforeTheNextStatement() async throws {
        let db = try await MigrationTestDatabase.make(.mysql, scripts: [
            "v1.sql": "CREATE TABLE a (id INTEGER);\nCREATE TABLE b (id INTEGER);\nCREATE TABLE c (id INTEGER);",
        ])
        defer { db.cleanUp() }
        let admin = db.client
        let observed = ObservedDatabase(db.client) { sql, parameters in
            guard sql.hasPrefix("CALL"), parameters.contains(where: { $0.name == "applied" && $0.value == .long(2) })
            else { return }
            _ = try await admin.execute(
                "UPDATE aurora_data_migrations_lock SET owner = 'another run', expires_at = UTC_TIMESTAMP(3) + INTERVAL 1 HOUR",
                parameters: [], transactionId: nil)
        }
        let failure = await migrationError { _ = try await db.migrator(database: observed).migrate() }
        #expect(failure?.code == .lockLost)
        #expect(failure?.message.contains("did not run") == true)
        #expect(try await db.tableExists("a"))
        #expect(try await db.tableExists("b") == false)
        let record = try #require(try await db.migrator(lockTimeout: .milliseconds(100)).status().versions[0].record)
        #expect(record.state == .running)
        #expect(record.statementsApplied == 1)
    }

    /// A migration user without the CREATE ROUTINE privilege: the step procedure cannot be created, and progress is
    /// recorded by one more call per statement (2N + 1), with the same history.
    /// (`SQL` counts: calls of the step procedure, and separate progress updates of the history.)
    @Test func withoutCreateRoutinePrivilegeProgressTakesOneMoreCallPerStatement() async throws {
        let statements = 3
        let db = try await MigrationTestDatabase.make(.mysql, scripts: ["v1.sql": script(version: 1, statements: statements)])
        defer { db.cleanUp() }
        let fixture = db.endpoint
        let database = try #require(db.client.configuration.database)
        let user = "limited_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = fixture.client()
        _ = try await admin.execute("CREATE USER '\(user)'@'%' IDENTIFIED BY 'limited-password'", parameters: [], transactionId: nil)
        _ = try await admin.execute(
            "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX ON `\(database)`.* TO '\(user)'@'%'",
            parameters: [], transactionId: nil)
        defer { Task { _ = try? await admin.execute("DROP USER '\(user)'@'%'", parameters: [], transactionId: nil) } }

        var configuration = fixture.configuration()
        let limitedSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:limited-AbCdEf"
        configuration.secrets[limitedSecret] = DatabaseCredentials(username: user, password: "limited-password")
        let endpoint = LocalDataAPIServer(configuration: configuration)
        let port = try await endpoint.start()
        let limited = fixture.client(database: database, endpointURL: "http://127.0.0.1:\(port)", secretArn: limitedSecret)
        let observed = ObservedDatabase(limited)
        let report = try await db.migrator(database: observed).migrate()
        await endpoint.stop()

        #expect(report.applied == [1])
        let record = try #require(try await db.migrator().status().versions[0].record)
        #expect(record.state == .applied)
        #expect(record.statementsApplied == statements)
        for index in 1...statements { #expect(try await db.tableExists("t1_\(index)")) }
        #expect(try await db.column("SELECT count(*) FROM information_schema.routines WHERE routine_schema = DATABASE()") == ["0"])
        // Compared with the step procedure: one more call per statement, less the two that install it.
        let again = try await MigrationTestDatabase.make(.mysql, scripts: ["v1.sql": script(version: 1, statements: statements)])
        defer { again.cleanUp() }
        let withProcedure = ObservedDatabase(again.client)
        _ = try await again.migrator(database: withProcedure).migrate()
        #expect(observed.stepsAndProgressUpdates == (0, statements))
        #expect(withProcedure.stepsAndProgressUpdates == (statements, 0))
    }
}
