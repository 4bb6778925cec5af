import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraDatabaseTestSupport
import Testing

/// Parameters of every `Field` kind and `typeHint`, bound by the server on both engines.
@Suite("Database backends: parameters")
struct DatabaseParameterTests {
    static let hostile = "O'Brien\"; DROP TABLE notes; --"

    @Test(arguments: DatabaseEngine.allCases)
    func everyFieldKindIsBoundNotSpliced(engine: DatabaseEngine) async throws {
        let connection = try await DatabaseServers.freshDatabase(engine).connect()
        defer { connection.close() }
        let blobType = engine == .postgresql ? "bytea" : "BLOB"
        let boolType = engine == .postgresql ? "boolean" : "BOOLEAN"
        let doubleType = engine == .postgresql ? "double precision" : "DOUBLE"
        _ = try await connection.execute(
            sql: "CREATE TABLE notes (body text, n bigint, d \(doubleType), b \(boolType), raw \(blobType), missing text)",
            parameters: [], resultSetOptions: nil)
        let insert = try await connection.execute(
            sql: "INSERT INTO notes VALUES (:body, :n, :d, :b, :raw, :missing)",
            parameters: [
                SqlParameter(name: "body", value: .string(Self.hostile)),
                SqlParameter(name: "n", value: .long(Int64.min)),
                SqlParameter(name: "d", value: .double(-0.125)),
                SqlParameter(name: "b", value: .bool(true)),
                SqlParameter(name: "raw", value: .blob([0, 1, 0xFE, 0x27, 0x5C])),
                SqlParameter(name: "missing", value: .null),
            ], resultSetOptions: nil)
        #expect(insert.numberOfRecordsUpdated == 1)
        let outcome = try await connection.execute(
            sql: "SELECT body, n, d, b, raw, missing FROM notes WHERE body = :body AND n = :n",
            parameters: [SqlParameter(name: "n", value: .long(Int64.min)), SqlParameter(name: "body", value: .string(Self.hostile))],
            resultSetOptions: nil)
        #expect(outcome.records == [[
            .string(Self.hostile), .long(Int64.min), .double(-0.125), .bool(true), .blob([0, 1, 0xFE, 0x27, 0x5C]), .null,
        ]])
    }

    @Test(arguments: DatabaseEngine.allCases)
    func placeholdersInStringsCommentsAndCastsAreNotBound(engine: DatabaseEngine) async throws {
        let connection = try await DatabaseServers.freshDatabase(engine).connect()
        defer { connection.close() }
        let cast = engine == .postgresql ? "'7'::int" : "CAST('7' AS SIGNED)"
        let outcome = try await connection.execute(
            sql: """
            SELECT ':notbound' AS s, \(cast) AS c, :x AS x, :x AS again -- :comment
            /* :block */
            """,
            parameters: [SqlParameter(name: "x", value: .long(5))], resultSetOptions: nil)
        #expect(outcome.records == [[.string(":notbound"), .long(7), .long(5), .long(5)]])
    }

    @Test(arguments: DatabaseEngine.allCases)
    func missingParameterAndArrayParameterAreRefused(engine: DatabaseEngine) async throws {
        let connection = try await DatabaseServers.freshDatabase(engine).connect()
        defer { connection.close() }
        let missing = await failure { () async throws(DatabaseFailure) in
            try await connection.execute(sql: "SELECT :nothere", parameters: [], resultSetOptions: nil)
        }
        #expect(missing?.kind == .statement)
        #expect(missing?.message.contains(":nothere") == true)
        let array = await failure { () async throws(DatabaseFailure) in
            try await connection.execute(
                sql: "SELECT :a", parameters: [SqlParameter(name: "a", value: .array(.longs([1])))], resultSetOptions: nil)
        }
        #expect(array?.message == "Array parameters are not supported.")
    }

    @Test func postgresqlTypeHints() async throws {
        let connection = try await DatabaseServers.freshDatabase(.postgresql).connect()
        defer { connection.close() }
        _ = try await connection.execute(
            sql: "CREATE TABLE hinted (d date, t time, ts timestamp, n numeric(12,4), j jsonb, js json, u uuid)",
            parameters: [], resultSetOptions: nil)
        let parameters = [
            SqlParameter(name: "d", value: .string("2024-02-29"), typeHint: .date),
            SqlParameter(name: "t", value: .string("13:14:15.5"), typeHint: .time),
            SqlParameter(name: "ts", value: .string("2024-02-29 13:14:15.123"), typeHint: .timestamp),
            SqlParameter(name: "n", value: .string("123.4560"), typeHint: .decimal),
            SqlParameter(name: "j", value: .string("{\"k\": [1, 2]}"), typeHint: .json),
            SqlParameter(name: "js", value: .string("[true]"), typeHint: .json),
            SqlParameter(name: "u", value: .string("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), typeHint: .uuid),
        ]
        _ = try await connection.execute(
            sql: "INSERT INTO hinted VALUES (:d, :t, :ts, :n, :j, :js, :u)", parameters: parameters, resultSetOptions: nil)
        let outcome = try await connection.execute(
            sql: "SELECT d, t, ts, n, j, js, u, pg_typeof(:d)::text, pg_typeof(:n)::text FROM hinted",
            parameters: parameters, resultSetOptions: nil)
        #expect(outcome.records == [[
            .string("2024-02-29"), .string("13:14:15.5"), .string("2024-02-29 13:14:15.123"), .string("123.4560"),
            .string("{\"k\":[1,2]}"), .string("[true]"), .string("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            .string("date"), .string("numeric"),
        ]])
        let bad = await failure { () async throws(DatabaseFailure) in
            try await connection.execute(
                sql: "SELECT :d", parameters: [SqlParameter(name: "d", value: .string("not a date"), typeHint: .date)],
                resultSetOptions: nil)
        }
        #expect(bad?.kind == .statement)
        #expect(bad?.sqlState == "22007")
        #expect(bad?.message.hasPrefix("ERROR: invalid input syntax for type date") == true)
    }

    @Test func mysqlTypeHints() async throws {
        let connection = try await DatabaseServers.freshDatabase(.mysql).connect()
        defer { connection.close() }
        _ = try await connection.execute(
            sql: "CREATE TABLE hinted (d DATE, t TIME(3), ts DATETIME(3), n DECIMAL(12,4), j JSON, u CHAR(36))",
            parameters: [], resultSetOptions: nil)
        let parameters = [
            SqlParameter(name: "d", value: .string("2024-02-29"), typeHint: .date),
            SqlParameter(name: "t", value: .string("13:14:15.5"), typeHint: .time),
            SqlParameter(name: "ts", value: .string("2024-02-29 13:14:15.123"), typeHint: .timestamp),
            SqlParameter(name: "n", value: .string("123.4560"), typeHint: .decimal),
            SqlParameter(name: "j", value: .string("{\"k\": [1, 2]}"), typeHint: .json),
            SqlParameter(name: "u", value: .string("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), typeHint: .uuid),
        ]
        _ = try await connection.execute(
            sql: "INSERT INTO hinted VALUES (:d, :t, :ts, :n, :j, :u)", parameters: parameters, resultSetOptions: nil)
        let outcome = try await connection.execute(sql: "SELECT * FROM hinted", parameters: [], resultSetOptions: nil)
        #expect(outcome.records == [[
            .string("2024-02-29"), .string("13:14:15.5"), .string("2024-02-29 13:14:15.123"), .string("123.4560"),
            .string("{\"k\": [1, 2]}"), .string("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
        ]])
    }
}
