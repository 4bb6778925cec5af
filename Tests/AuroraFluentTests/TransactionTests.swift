import AuroraDataAPI
import AuroraFluent
import FluentKit
import SQLKit
import Testing

/// Transactions and sessions are Data API transactions: commit on return, roll back on a thrown error or a failed
/// statement, one database connection throughout.
@Suite("SQLKit and Fluent transactions")
struct TransactionTests {
    struct Boom: Error {}

    private func count(_ sql: AuroraSQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM items").first()!.decode(column: "n", as: Int.self)
    }

    @Test("SQLKit: commits when the closure returns, rolls back when it throws", arguments: AuroraSQLEngine.allCases)
    func sqlKit(engine: AuroraSQLEngine) async throws {
        let sql = try await DriverFixture.make(engine, prefix: "tx").sql
        try await sql.raw("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(20))").run()
        try await sql.withTransaction { tx in
            try await tx.insert(into: "items").columns("id", "label").values(SQLBind(1), SQLBind("kept")).run()
        }
        await #expect(throws: Boom.self) {
            try await sql.withTransaction { tx in
                try await tx.insert(into: "items").columns("id", "label").values(SQLBind(2), SQLBind("lost")).run()
                #expect(try await count(tx) == 2)  // visible inside the transaction
                throw Boom()
            }
        }
        #expect(try await count(sql) == 1)
    }

    @Test("SQLKit: a failing statement rolls back the statements before it", arguments: AuroraSQLEngine.allCases)
    func failingStatement(engine: AuroraSQLEngine) async throws {
        let sql = try await DriverFixture.make(engine, prefix: "tx").sql
        try await sql.raw("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(20))").run()
        await #expect(throws: DataAPIError.self) {
            try await sql.withTransaction { tx in
                try await tx.insert(into: "items").columns("id", "label").values(SQLBind(1), SQLBind("a")).run()
                try await tx.insert(into: "items").columns("id", "label").values(SQLBind(1), SQLBind("duplicate")).run()
            }
        }
        #expect(try await count(sql) == 0)
    }

    @Test("a session keeps one database connection", arguments: AuroraSQLEngine.allCases)
    func session(engine: AuroraSQLEngine) async throws {
        let sql = try await DriverFixture.make(engine, prefix: "session").sql
        let query = engine == .postgresql ? "SELECT pg_backend_pid() AS id" : "SELECT CONNECTION_ID() AS id"
        let ids = try await sql.withSession { session in
            var ids: [Int] = []
            for _ in 0..<5 {
                ids.append(try await session.raw(SQLQueryString(query)).first()!.decode(column: "id", as: Int.self))
            }
            return ids
        }
        #expect(Set(ids).count == 1)
    }

    @Test("MySQL: LAST_INSERT_ID() in a session equals the generated id")
    func lastInsertID() async throws {
        let sql = try await DriverFixture.make(.mysql, prefix: "session").sql
        try await sql.raw("CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, label VARCHAR(20))").run()
        try await sql.raw("INSERT INTO items (label) VALUES ('first')").run()
        let (generated, last) = try await sql.withTransaction { tx in
            let response = try await tx.run(tx.insert(into: "items").columns("label").values(SQLBind("second")).query)
            let last = try await tx.raw("SELECT LAST_INSERT_ID() AS id").first()!.decode(column: "id", as: Int64.self)
            return (response.generatedFields, last)
        }
        #expect(generated == [.long(2)])
        #expect(last == 2)
    }

    @Test("Fluent: a thrown error or a constraint failure rolls the whole transaction back",
        arguments: AuroraSQLEngine.allCases)
    func fluent(engine: AuroraSQLEngine) async throws {
        let fluent = try await FluentFixture.make(engine, prefix: "fluent_tx")
        try await CreateAuthors().prepare(on: fluent.db)
        try await fluent.db.transaction { db in
            #expect(db.inTransaction)
            try await Author(name: "Ada").create(on: db)
            try await db.transaction { nested in try await Author(name: "Grace").create(on: nested) }  // same transaction
        }
        await #expect(throws: Boom.self) {
            try await fluent.db.transaction { db in
                try await Author(name: "Barbara").create(on: db)
                throw Boom()
            }
        }
        await #expect {
            try await fluent.db.transaction { db in
                try await Author(name: "Edsger").create(on: db)
                try await Author(name: "Ada").create(on: db)  // unique violation
            }
        } throws: { error in
            (error as? any DatabaseError)?.isConstraintFailure == true
        }
        let names = try await Author.query(on: fluent.db).sort(\.$name).all().map(\.name)
        #expect(names == ["Ada", "Grace"])
        await fluent.shutdown()
    }
}
