import AuroraDataAPI
import AuroraFluent
import FluentKit
import SQLKit
import Testing

/// What the Data API cannot do gets an error that names the limit and what to do instead, and changes nothing.
/// (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.html#data-api.limitations)
@Suite("Data API limits through SQLKit and Fluent")
struct LimitTests {
    @Test("several statements in one call are refused before anything runs", arguments: AuroraSQLEngine.allCases)
    func multipleStatements(engine: AuroraSQLEngine) async throws {
        let sql = try await DriverFixture.make(engine, prefix: "limits").sql
        try await sql.raw("CREATE TABLE items (id INT)").run()
        await #expect {
            try await sql.raw("INSERT INTO items VALUES (1); INSERT INTO items VALUES (2)").run()
        } throws: { error in
            let limit = error as? AuroraSQLError
            return limit?.code == .multipleStatements && limit?.message.contains("one statement per call") == true
        }
        #expect(try await sql.raw("SELECT COUNT(*) AS n FROM items").first()!.decode(column: "n", as: Int.self) == 0)
        // A semicolon inside a literal is not a second statement.
        try await sql.raw("INSERT INTO items SELECT 1 WHERE 'a;b' <> ''").run()
    }

    /// 30 rows of 50,000 bytes: 1.5 MB, over the 1 MiB response limit.
    private func bigResult(_ engine: AuroraSQLEngine) -> SQLQueryString {
        engine == .postgresql
            ? "SELECT repeat('x', 50000) AS big FROM generate_series(1, 30)"
            : "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 30) SELECT REPEAT('x', 50000) AS big FROM r"
    }

    @Test("a result over 1 MiB says so and how to page it", arguments: AuroraSQLEngine.allCases)
    func responseLimit(engine: AuroraSQLEngine) async throws {
        let sql = try await DriverFixture.make(engine, prefix: "limits").sql
        await #expect {
            try await sql.raw(bigResult(engine)).all()
        } throws: { error in
            let limit = error as? AuroraSQLError
            return limit?.code == .resultTooLarge && limit?.message.contains("1 MiB") == true
                && limit?.message.contains(".paginate") == true
        }
    }

    @Test("a row over 64 KB says so", arguments: AuroraSQLEngine.allCases)
    func rowLimit(engine: AuroraSQLEngine) async throws {
        let sql = try await DriverFixture.make(engine, prefix: "limits").sql
        let query: SQLQueryString = engine == .postgresql ? "SELECT repeat('x', 70000) AS big" : "SELECT REPEAT('x', 70000) AS big"
        await #expect {
            try await sql.raw(query).all()
        } throws: { error in
            let limit = error as? AuroraSQLError
            return limit?.code == .resultTooLarge && limit?.message.contains("64 KB") == true
        }
    }

    @Test("Fluent pages a large table within the limit", arguments: AuroraSQLEngine.allCases)
    func paging(engine: AuroraSQLEngine) async throws {
        let fluent = try await FluentFixture.make(engine, prefix: "limits")
        try await CreateAuthors().prepare(on: fluent.db)
        let sql = fluent.db as! any SQLDatabase
        // 40 authors whose rows hold 40,000 bytes each (1.6 MB in all) through a raw text column.
        try await sql.raw("ALTER TABLE authors ADD COLUMN bio TEXT").run()
        for index in 0..<40 {
            try await sql.raw("INSERT INTO authors (name, bio) VALUES (\(bind: "a\(index)"), \(bind: String(repeating: "b", count: 40_000)))").run()
        }
        await #expect(throws: AuroraSQLError.self) { try await sql.raw("SELECT name, bio FROM authors").all() }
        var seen = 0
        for page in 1...4 {
            let rows = try await sql.raw("SELECT name, bio FROM authors ORDER BY id LIMIT 10 OFFSET \(unsafeRaw: String((page - 1) * 10))").all()
            seen += rows.count
        }
        #expect(seen == 40)
        #expect(try await Author.query(on: fluent.db).paginate(PageRequest(page: 2, per: 15)).items.count == 15)
        await fluent.shutdown()
    }

    @Test("arrays travel as JSON: a JSON column takes them, a PostgreSQL array column refuses them")
    func arrays() async throws {
        let sql = try await DriverFixture.make(.postgresql, prefix: "limits").sql
        try await sql.raw("CREATE TABLE lists (j JSONB, a INT[])").run()
        try await sql.insert(into: "lists").columns("j").values(SQLBind([1, 2, 3])).run()
        #expect(try await sql.select().column("j").from("lists").first()!.decode(column: "j", as: [Int].self) == [1, 2, 3])
        await #expect {
            try await sql.insert(into: "lists").columns("a").values(SQLBind([1, 2, 3])).run()
        } throws: { error in
            (error as? DataAPIError)?.databaseDetails.sqlState == "42804"  // datatype_mismatch: never a wrong value
        }
    }
}
