import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraDatabaseTestSupport
import Testing

/// Values and column metadata of every MySQL type the Data API returns, against a real MariaDB server.
@Suite("MySQL backend: result types")
struct DatabaseMySQLTypeTests {
    @Test func valuesAndMetadata() async throws {
        let connection = try await DatabaseServers.freshDatabase(.mysql).connect()
        defer { connection.close() }
        _ = try await connection.execute(
            sql: """
            CREATE TABLE cats (
              id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY, flag TINYINT(1), tiny TINYINT, small SMALLINT NOT NULL,
              medium MEDIUMINT, big BIGINT, ubig BIGINT UNSIGNED, f FLOAT, d DOUBLE, price DECIMAL(10,2),
              name VARCHAR(40), code CHAR(3), note TEXT, kind ENUM('a','b'), tags SET('x','y'), doc JSON,
              born DATE, at_time TIME, at DATETIME(6), stamp TIMESTAMP NULL, yr YEAR, raw VARBINARY(8), data BLOB,
              bit1 BIT(1), bits BIT(12)
            )
            """, parameters: [], resultSetOptions: nil)
        let insert = try await connection.execute(
            sql: """
            INSERT INTO cats (flag, tiny, small, medium, big, ubig, f, d, price, name, code, note, kind, tags, doc, born,
              at_time, at, stamp, yr, raw, data, bit1, bits)
            VALUES (1, -5, 300, 70000, -9007199254740993, 18446744073709551615, 1.5, 2.25, 12345.60, 'Zoë', 'ab',
              'long text', 'b', 'x,y', '{"a": 1}', '2024-02-29', '04:58:22', '2024-01-02 03:04:05.123400',
              '2024-01-02 03:04:05', 2024, X'00FF', X'0102', b'1', b'000000000101')
            """, parameters: [], resultSetOptions: nil)
        #expect(insert.numberOfRecordsUpdated == 1)
        #expect(insert.generatedFields == [.long(1)])
        #expect(insert.records == nil)

        let outcome = try await connection.execute(sql: "SELECT * FROM cats", parameters: [], resultSetOptions: nil)
        let row = try #require(outcome.records?.first)
        let expected: [Field] = [
            .long(1), .bool(true), .long(-5), .long(300), .long(70000), .long(-9_007_199_254_740_993),
            .string("18446744073709551615"), .double(1.5), .double(2.25), .string("12345.60"), .string("Zoë"), .string("ab"),
            .string("long text"), .string("b"), .string("x,y"), .string("{\"a\": 1}"), .string("2024-02-29"),
            .string("04:58:22"), .string("2024-01-02 03:04:05.1234"), .string("2024-01-02 03:04:05"), .string("2024"),
            .blob([0, 0xFF]), .blob([1, 2]), .bool(true), .blob([0x00, 0x05]),
        ]
        #expect(row.count == expected.count)
        for (index, field) in expected.enumerated() where index < row.count {
            #expect(row[index] == field, "column \(outcome.columns[index].name ?? "?")")
        }
        #expect(outcome.columns.map { $0.typeName ?? "" } == [
            "INT UNSIGNED", "BIT", "TINYINT", "SMALLINT", "MEDIUMINT", "BIGINT", "BIGINT UNSIGNED", "FLOAT", "DOUBLE",
            "DECIMAL", "VARCHAR", "CHAR", "TEXT", "ENUM", "SET", "JSON", "DATE", "TIME", "DATETIME", "TIMESTAMP", "YEAR",
            "VARBINARY", "BLOB", "BIT", "BIT",
        ])
        #expect(outcome.columns.map(\.type) == [
            4, -7, -6, 5, 4, -5, -5, 7, 8, 3, 12, 1, -1, 1, 1, -1, 91, 92, 93, 93, 91, -3, -4, -7, -7,
        ])
        let id = outcome.columns[0]
        #expect(id.isAutoIncrement && !id.isSigned && id.nullable == 0 && id.precision == 10 && id.scale == 0)
        #expect(id.label == "id" && id.name == "id" && id.tableName == "cats" && id.schemaName == "" && !id.isCaseSensitive)
        let price = outcome.columns[9]
        #expect(price.precision == 10 && price.scale == 2 && price.isSigned && price.nullable == 1)
        #expect(outcome.columns[10].precision == 40)
        #expect(outcome.columns[3].nullable == 0)
        #expect(outcome.columns[18].precision == 26)

        let options = ResultSetOptions(decimalReturnType: .doubleOrLong, longReturnType: .string)
        let converted = try await connection.execute(
            sql: "SELECT price, big, CAST(7 AS DECIMAL(5,0)) AS whole FROM cats", parameters: [], resultSetOptions: options)
        #expect(converted.records == [[.double(12345.6), .string("-9007199254740993"), .long(7)]])
    }

    @Test func nullsAliasesAndExpressions() async throws {
        let connection = try await DatabaseServers.freshDatabase(.mysql).connect()
        defer { connection.close() }
        _ = try await connection.execute(sql: "CREATE TABLE t (a INT, b VARCHAR(5))", parameters: [], resultSetOptions: nil)
        _ = try await connection.execute(sql: "INSERT INTO t VALUES (NULL, NULL)", parameters: [], resultSetOptions: nil)
        let outcome = try await connection.execute(
            sql: "SELECT a AS renamed, b, NULL AS nothing, 1 + 1 AS sum FROM t", parameters: [], resultSetOptions: nil)
        #expect(outcome.records == [[.null, .null, .null, .long(2)]])
        #expect(outcome.columns[0].label == "renamed" && outcome.columns[0].name == "a")
        #expect(outcome.columns[3].tableName == "")
    }

    @Test func geometryIsUnsupported() async throws {
        let connection = try await DatabaseServers.freshDatabase(.mysql).connect()
        defer { connection.close() }
        let failure = await failure { () async throws(DatabaseFailure) in
            try await connection.execute(sql: "SELECT POINT(1, 2) AS p", parameters: [], resultSetOptions: nil)
        }
        #expect(failure?.kind == .unsupportedResult)
        #expect(failure?.message == "The result contains the unsupported data type GEOMETRY.")
    }

    @Test func longValuesAreReadInFull() async throws {
        let connection = try await DatabaseServers.freshDatabase(.mysql).connect()
        defer { connection.close() }
        let long = String(repeating: "abcdefghij", count: 5_000)
        let outcome = try await connection.execute(
            sql: "SELECT :v AS v, UNHEX(REPEAT('FF', 1000)) AS b",
            parameters: [SqlParameter(name: "v", value: .string(long))], resultSetOptions: nil)
        #expect(outcome.records == [[.string(long), .blob([UInt8](repeating: 0xFF, count: 1000))]])
    }
}
