import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraDatabaseServers
import AuroraDatabaseTestSupport
import Testing

/// DML counts, transactions, batches, errors and cancellation on both engines.
@Suite("Database backends: sessions")
struct DatabaseSessionTests {
    @Test(arguments: DatabaseEngine.allCases)
    func dmlCountsAndDDL(engine: DatabaseEngine) async throws {
        let connection = try await DatabaseServers.freshDatabase(engine).connect()
        defer { connection.close() }
        let create = try await connection.execute(sql: "CREATE TABLE items (n int, label varchar(10))", parameters: [], resultSetOptions: nil)
        #expect(create.numberOfRecordsUpdated == 0 && create.records == nil)
        let insert = try await connection.execute(
            sql: "INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c')", parameters: [], resultSetOptions: nil)
        #expect(insert.numberOfRecordsUpdated == 3)
        let update = try await connection.execute(
            sql: "UPDATE items SET label = 'z' WHERE n >= :n", parameters: [SqlParameter(name: "n", value: .long(2))], resultSetOptions: nil)
        #expect(update.numberOfRecordsUpdated == 2)
        let select = try await connection.execute(sql: "SELECT n FROM items ORDER BY n", parameters: [], resultSetOptions: nil)
        #expect(select.numberOfRecordsUpdated == 0)
        #expect(select.records == [[.long(1)], [.long(2)], [.long(3)]])
        let delete = try await connection.execute(sql: "DELETE FROM items", parameters: [], resultSetOptions: nil)
        #expect(delete.numberOfRecordsUpdated == 3)
        let empty = try await connection.execute(sql: "SELECT n FROM items", parameters: [], resultSetOptions: nil)
        #expect(empty.records == [] && empty.columns.count == 1)
    }

    @Test(arguments: DatabaseEngine.allCases)
    func transactionsAreVisibleToOthersOnlyAfterCommit(engine: DatabaseEngine) async throws {
        let database = try await DatabaseServers.freshDatabase(engine)
        let writer = try await database.connect()
        let reader = try await database.connect()
        defer {
            writer.close()
            reader.close()
        }
        _ = try await writer.execute(sql: "CREATE TABLE ledger (n int)", parameters: [], resultSetOptions: nil)
        let count = "SELECT COUNT(*) AS c FROM ledger"

        try await writer.begin()
        _ = try await writer.execute(sql: "INSERT INTO ledger VALUES (1)", parameters: [], resultSetOptions: nil)
        #expect(try await writer.execute(sql: count, parameters: [], resultSetOptions: nil).records == [[.long(1)]])
        #expect(try await reader.execute(sql: count, parameters: [], resultSetOptions: nil).records == [[.long(0)]])
        try await writer.rollback()
        #expect(try await reader.execute(sql: count, parameters: [], resultSetOptions: nil).records == [[.long(0)]])

        try await writer.begin()
        _ = try await writer.execute(sql: "INSERT INTO ledger VALUES (2)", parameters: [], resultSetOptions: nil)
        #expect(try await reader.execute(sql: count, parameters: [], resultSetOptions: nil).records == [[.long(0)]])
        try await writer.commit()
        #expect(try await reader.execute(sql: count, parameters: [], resultSetOptions: nil).records == [[.long(1)]])
    }

    @Test(arguments: DatabaseEngine.allCases)
    func batchRunsOncePerParameterSet(engine: DatabaseEngine) async throws {
        let connection = try await DatabaseServers.freshDatabase(engine).connect()
        defer { connection.close() }
        let key = engine == .postgresql ? "id serial PRIMARY KEY" : "id int AUTO_INCREMENT PRIMARY KEY"
        _ = try await connection.execute(sql: "CREATE TABLE people (\(key), name text, age int)", parameters: [], resultSetOptions: nil)
        let outcomes = try await connection.executeBatch(
            sql: "INSERT INTO people (name, age) VALUES (:name, :age)",
            parameterSets: [
                [SqlParameter(name: "name", value: .string("Ann")), SqlParameter(name: "age", value: .long(30))],
                [SqlParameter(name: "name", value: .string("Bob")), SqlParameter(name: "age", value: .null)],
                [SqlParameter(name: "age", value: .long(9)), SqlParameter(name: "name", value: .string("Cy'; DROP TABLE people; --"))],
            ])
        #expect(outcomes.map(\.numberOfRecordsUpdated) == [1, 1, 1])
        let generated = outcomes.map(\.generatedFields)
        #expect(generated == (engine == .mysql ? [[.long(1)], [.long(2)], [.long(3)]] : [[], [], []]))
        let rows = try await connection.execute(sql: "SELECT name, age FROM people ORDER BY id", parameters: [], resultSetOptions: nil)
        #expect(rows.records == [
            [.string("Ann"), .long(30)], [.string("Bob"), .null], [.string("Cy'; DROP TABLE people; --"), .long(9)],
        ])
    }

    @Test func postgresqlStatementErrorCarriesSQLStateAndPosition() async throws {
        let connection = try await DatabaseServers.freshDatabase(.postgresql).connect()
        defer { connection.close() }
        let failure = await failure { () async throws(DatabaseFailure) in
            try await connection.execute(sql: "SELECT nope FROM pg_class", parameters: [], resultSetOptions: nil)
        }
        #expect(failure?.kind == .statement)
        #expect(failure?.message == "ERROR: column \"nope\" does not exist\n  Position: 8")
        #expect(failure?.sqlState == "42703")
        #expect(failure?.engineCode == nil)
        // The session still works.
        let after = try await connection.execute(sql: "SELECT 1 AS one", parameters: [], resultSetOptions: nil)
        #expect(after.records == [[.long(1)]])
    }

    @Test func mysqlStatementErrorCarriesCodeAndSQLState() async throws {
        let connection = try await DatabaseServers.freshDatabase(.mysql).connect()
        defer { connection.close() }
        _ = try await connection.execute(sql: "CREATE TABLE u (id int PRIMARY KEY)", parameters: [], resultSetOptions: nil)
        _ = try await connection.execute(sql: "INSERT INTO u VALUES (1)", parameters: [], resultSetOptions: nil)
        let duplicate = await failure { () async throws(DatabaseFailure) in
            try await connection.execute(sql: "INSERT INTO u VALUES (1)", parameters: [], resultSetOptions: nil)
        }
        #expect(duplicate?.kind == .statement)
        #expect(duplicate?.engineCode == 1062)
        #expect(duplicate?.sqlState == "23000")
        #expect(duplicate?.message.contains("Duplicate entry '1'") == true)
        let syntax = await failure { () async throws(DatabaseFailure) in
            try await connection.execute(sql: "SELEC 1", parameters: [], resultSetOptions: nil)
        }
        #expect(syntax?.engineCode == 1064 && syntax?.sqlState == "42000")
    }

    /// The server refuses to prepare some statements (1295; `PREPARE` itself on MariaDB, `CREATE TRIGGER` on
    /// MySQL 8) that Aurora's Data API runs: without parameters they go as text instead.
    @Test func mysqlStatementTheServerCannotPrepareRunsAsText() async throws {
        let connection = try await DatabaseServers.freshDatabase(.mysql).connect()
        defer { connection.close() }
        let prepared = try await connection.execute(
            sql: "PREPARE local_test FROM 'SELECT 1'", parameters: [], resultSetOptions: nil)
        #expect(prepared.records == nil)
        // With a parameter it cannot go as text (values are never spliced): the server's error stands.
        let withParameter = await failure { () async throws(DatabaseFailure) in
            try await connection.execute(
                sql: "PREPARE local_test FROM :text", parameters: [.init(name: "text", value: .string("SELECT 1"))],
                resultSetOptions: nil)
        }
        #expect(withParameter?.engineCode == 1295 || withParameter?.engineCode == 1064)
    }

    @Test(arguments: DatabaseEngine.allCases)
    func wrongPasswordIsAnAuthenticationFailure(engine: DatabaseEngine) async throws {
        let server = try await DatabaseServers.server(engine)
        let wrong = DatabaseCredentials(username: server.address.credentials.username, password: "definitely-wrong")
        let failure = await failure { () async throws(DatabaseFailure) in
            try await server.backend.connect(database: nil, credentials: wrong)
        }
        #expect(failure?.kind == .authentication)
        #expect(failure?.message.isEmpty == false)
        #expect(failure?.message.contains("definitely-wrong") == false)
    }

    @Test(arguments: DatabaseEngine.allCases)
    func unknownDatabaseIsReported(engine: DatabaseEngine) async throws {
        let server = try await DatabaseServers.server(engine)
        let failure = await failure { () async throws(DatabaseFailure) in
            try await server.backend.connect(database: "no_such_db", credentials: server.address.credentials)
        }
        #expect(failure?.kind == .connection)
        #expect(failure?.sqlState != nil)
        #expect(failure?.message.contains("no_such_db") == true)
    }

    @Test(arguments: DatabaseEngine.allCases)
    func cancelStopsALongStatement(engine: DatabaseEngine) async throws {
        let connection = try await DatabaseServers.freshDatabase(engine).connect()
        defer { connection.close() }
        let sql = engine == .postgresql ? "SELECT pg_sleep(10)" : "SELECT SLEEP(10)"
        let clock = ContinuousClock()
        let started = clock.now
        async let outcome = failure { () async throws(DatabaseFailure) in
            try await connection.execute(sql: sql, parameters: [], resultSetOptions: nil)
        }
        try await Task.sleep(for: .milliseconds(500))
        connection.cancelRunningStatement()
        let cancelled = await outcome
        #expect(cancelled?.kind == .cancelled)
        #expect(clock.now - started < .seconds(8))
        // The session survives the cancel.
        let after = try await connection.execute(sql: "SELECT 2 AS two", parameters: [], resultSetOptions: nil)
        #expect(after.records == [[.long(2)]])
    }

    @Test func mysqlCancelOfAComputationFailsWithInterrupted() async throws {
        let connection = try await DatabaseServers.freshDatabase(.mysql).connect()
        defer { connection.close() }
        async let outcome = failure { () async throws(DatabaseFailure) in
            try await connection.execute(
                // Hours of work if the cancel were lost; the server's own limit keeps a lost cancel a failure
                // (error 1969), not a hung test run.
                sql: "SET STATEMENT max_statement_time = 60 FOR "
                    + "SELECT SUM(a.seq * b.seq) AS total FROM seq_1_to_100000 AS a, seq_1_to_100000 AS b",
                parameters: [], resultSetOptions: nil)
        }
        try await Task.sleep(for: .milliseconds(500))
        connection.cancelRunningStatement()
        let cancelled = await outcome
        #expect(cancelled?.kind == .cancelled)
        #expect(cancelled?.engineCode == 1317)
    }

    @Test(arguments: DatabaseEngine.allCases)
    func closedConnectionRefusesWork(engine: DatabaseEngine) async throws {
        let connection = try await DatabaseServers.freshDatabase(engine).connect()
        connection.close()
        let failure = await failure { () async throws(DatabaseFailure) in
            try await connection.execute(sql: "SELECT 1", parameters: [], resultSetOptions: nil)
        }
        #expect(failure?.kind == .connection)
    }
}
