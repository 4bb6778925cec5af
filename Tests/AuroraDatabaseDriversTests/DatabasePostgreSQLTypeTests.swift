import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraDatabaseTestSupport
import Testing

/// Values and column metadata of every PostgreSQL type the Data API returns, against a real server.
@Suite("PostgreSQL backend: result types")
struct DatabasePostgreSQLTypeTests {
    @Test func scalarValuesAndMetadata() async throws {
        let connection = try await DatabaseServers.freshDatabase(.postgresql).connect()
        defer { connection.close() }
        _ = try await connection.execute(
            sql: """
            CREATE TYPE mood AS ENUM ('happy', 'sad');
            """, parameters: [], resultSetOptions: nil)
        _ = try await connection.execute(
            sql: """
            CREATE TABLE everything (
              id serial PRIMARY KEY, big bigint NOT NULL, small smallint, flag boolean, price numeric(10,2),
              ratio real, score double precision, name varchar(40), note text, code char(3),
              born date, at_time time, at timestamp(6), at_tz timestamptz, uid uuid, doc json, docb jsonb,
              bytes bytea, ip inet, net cidr, feeling mood, ints int4[], texts text[], flags bool[], reals float8[]
            )
            """, parameters: [], resultSetOptions: nil)
        let insert = try await connection.execute(
            sql: """
            INSERT INTO everything (big, small, flag, price, ratio, score, name, note, code, born, at_time, at, at_tz,
              uid, doc, docb, bytes, ip, net, feeling, ints, texts, flags, reals)
            VALUES (9007199254740993, -3, true, 12345.60, 1.5, 2.25, 'Zoë', 'multi
            line', 'ab', '2024-02-29', '04:58:22.320', '2024-01-02 03:04:05.123400', '2024-01-02 03:04:05+02',
              'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2]}', '{"b": null}', '\\x00ff10', '10.0.0.1', '10.1.0.0/16',
              'sad', '{1,NULL,3}', '{"a,b","NULL",NULL,"q\\"uote"}', '{t,f}', '{1.5,-2}')
            """, parameters: [], resultSetOptions: nil)
        #expect(insert.numberOfRecordsUpdated == 1)
        #expect(insert.records == nil)
        #expect(insert.generatedFields.isEmpty)

        let outcome = try await connection.execute(sql: "SELECT * FROM everything", parameters: [], resultSetOptions: nil)
        let row = try #require(outcome.records?.first)
        let expected: [Field] = [
            .long(1), .long(9_007_199_254_740_993), .long(-3), .bool(true), .string("12345.60"), .double(1.5), .double(2.25),
            .string("Zoë"), .string("multi\nline"), .string("ab "), .string("2024-02-29"), .string("04:58:22.32"),
            .string("2024-01-02 03:04:05.1234"), .string("2024-01-02 01:04:05"),
            .string("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), .string("{\"a\":[1,2]}"), .string("{\"b\":null}"),
            .blob([0x00, 0xFF, 0x10]), .string("10.0.0.1"), .string("10.1.0.0/16"), .string("sad"),
            .array(.longs([1, nil, 3])), .array(.strings(["a,b", "NULL", nil, "q\"uote"])), .array(.booleans([true, false])),
            .array(.doubles([1.5, -2])),
        ]
        #expect(row.count == expected.count)
        for (index, field) in expected.enumerated() where index < row.count {
            #expect(row[index] == field, "column \(outcome.columns[index].name ?? "?")")
        }
        #expect(outcome.numberOfRecordsUpdated == 0)

        let columns = Dictionary(uniqueKeysWithValues: outcome.columns.map { ($0.name ?? "", $0) })
        let id = try #require(columns["id"])
        #expect(id.typeName == "serial" && id.type == JDBCType.integer && id.isAutoIncrement && id.nullable == 0)
        #expect(id.tableName == "everything" && id.schemaName == "" && id.label == "id" && id.isSigned && id.precision == 10)
        let typeNames = outcome.columns.map { $0.typeName ?? "" }
        #expect(typeNames == [
            "serial", "int8", "int2", "bool", "numeric", "float4", "float8", "varchar", "text", "bpchar", "date", "time",
            "timestamp", "timestamptz", "uuid", "json", "jsonb", "bytea", "inet", "cidr", "mood", "_int4", "_text", "_bool",
            "_float8",
        ])
        let types = outcome.columns.map(\.type)
        #expect(types == [
            4, -5, 5, -7, 2, 7, 8, 12, 12, 1, 91, 92, 93, 93, 1111, 1111, 1111, -2, 1111, 1111, 12, 2003, 2003, 2003, 2003,
        ])
        let price = try #require(columns["price"])
        #expect(price.precision == 10 && price.scale == 2 && price.nullable == 1)
        #expect(try #require(columns["name"]).precision == 40)
        #expect(try #require(columns["big"]).nullable == 0)
        #expect(try #require(columns["ints"]).arrayBaseColumnType == JDBCType.integer)
        #expect(try #require(columns["note"]).isCaseSensitive)
        #expect(try #require(columns["big"]).isCaseSensitive == false)
    }

    @Test func arraysOfEverySupportedElementType() async throws {
        let connection = try await DatabaseServers.freshDatabase(.postgresql).connect()
        defer { connection.close() }
        _ = try await connection.execute(sql: "CREATE DOMAIN positive AS int CHECK (VALUE > 0)", parameters: [], resultSetOptions: nil)
        let outcome = try await connection.execute(
            sql: """
            SELECT ARRAY[1, 2]::int2[] AS a, ARRAY[9007199254740993]::int8[] AS b, ARRAY[1.25]::float4[] AS c,
                   ARRAY[1.50, NULL]::numeric[] AS d, ARRAY['2024-01-02']::date[] AS e, ARRAY['12:00:00.5']::time[] AS f,
                   ARRAY['2024-01-02 03:04:05.6']::timestamp[] AS g, ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']::uuid[] AS h,
                   ARRAY['{"k": "v, w"}']::json[] AS i, ARRAY['x y', '', '{}']::varchar[] AS j, '[0:1]={7,8}'::int[] AS k,
                   ARRAY[B'1', B'0'] AS l, 5::positive AS m
            """, parameters: [], resultSetOptions: nil)
        #expect(outcome.records == [[
            .array(.longs([1, 2])), .array(.longs([9_007_199_254_740_993])), .array(.doubles([1.25])),
            .array(.strings(["1.50", nil])), .array(.strings(["2024-01-02"])), .array(.strings(["12:00:00.5"])),
            .array(.strings(["2024-01-02 03:04:05.6"])), .array(.strings(["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"])),
            .array(.strings(["{\"k\":\"v, w\"}"])), .array(.strings(["x y", "", "{}"])), .array(.longs([7, 8])),
            .array(.booleans([true, false])), .long(5),
        ]])
        #expect(outcome.columns.map { $0.typeName ?? "" } == [
            "_int2", "_int8", "_float4", "_numeric", "_date", "_time", "_timestamp", "_uuid", "_json", "_varchar", "_int4",
            "_bit", "int4",  // PostgreSQL describes a domain value by its base type
        ])
        #expect(outcome.columns.map(\.arrayBaseColumnType).prefix(4) == [JDBCType.smallint, JDBCType.bigint, JDBCType.real, JDBCType.numeric])
    }

    @Test func nullsAndExpressions() async throws {
        let connection = try await DatabaseServers.freshDatabase(.postgresql).connect()
        defer { connection.close() }
        let outcome = try await connection.execute(
            sql: "SELECT NULL::int AS a, NULL::text AS b, 1 + 1 AS sum, now() > '2000-01-01' AS later, ARRAY[]::int[] AS empty",
            parameters: [], resultSetOptions: nil)
        #expect(outcome.records == [[.null, .null, .long(2), .bool(true), .array(.longs([]))]])
        #expect(outcome.columns.map(\.label) == ["a", "b", "sum", "later", "empty"])
        #expect(outcome.columns[2].tableName == "" && outcome.columns[2].typeName == "int4")
    }

    @Test func resultSetOptions() async throws {
        let connection = try await DatabaseServers.freshDatabase(.postgresql).connect()
        defer { connection.close() }
        let sql = "SELECT 12.50::numeric(5,2) AS d, 42::numeric AS whole, 9223372036854775807::int8 AS big"
        let standard = try await connection.execute(sql: sql, parameters: [], resultSetOptions: nil)
        #expect(standard.records == [[.string("12.50"), .string("42"), .long(Int64.max)]])
        let converted = try await connection.execute(
            sql: sql, parameters: [], resultSetOptions: ResultSetOptions(decimalReturnType: .doubleOrLong, longReturnType: .string))
        #expect(converted.records == [[.double(12.5), .long(42), .string("9223372036854775807")]])
    }

    @Test func timestampWithZoneIsUTCEvenAfterSessionZoneChange() async throws {
        let connection = try await DatabaseServers.freshDatabase(.postgresql).connect()
        defer { connection.close() }
        _ = try await connection.execute(sql: "SET TIME ZONE 'Asia/Kolkata'", parameters: [], resultSetOptions: nil)
        let outcome = try await connection.execute(
            sql: """
            SELECT '2024-01-01 02:00:00.5+05:30'::timestamptz AS a, '23:30:00-08'::timetz AS b,
                   ARRAY['1999-12-31 23:00:00-02'::timestamptz] AS c
            """, parameters: [], resultSetOptions: nil)
        #expect(outcome.records == [[
            .string("2023-12-31 20:30:00.5"), .string("07:30:00"), .array(.strings(["2000-01-01 01:00:00"])),
        ]])
    }

    @Test(arguments: [
        ("SELECT '1 day'::interval AS v", "interval"),
        ("SELECT point(1, 2) AS v", "point"),
        ("SELECT 12.5::money AS v", "money"),
        ("SELECT NULL::interval AS v", "interval"),
        ("SELECT ARRAY['\\x01'::bytea] AS v", "_bytea"),
    ])
    func unsupportedTypesAreRefused(sql: String, typeName: String) async throws {
        let connection = try await DatabaseServers.freshDatabase(.postgresql).connect()
        defer { connection.close() }
        let failure = await failure { () async throws(DatabaseFailure) in
            try await connection.execute(sql: sql, parameters: [], resultSetOptions: nil)
        }
        #expect(failure?.kind == .unsupportedResult)
        #expect(failure?.message == "The result contains the unsupported data type \(typeName).")
    }

    @Test func multidimensionalArrayIsRefused() async throws {
        let connection = try await DatabaseServers.freshDatabase(.postgresql).connect()
        defer { connection.close() }
        let failure = await failure { () async throws(DatabaseFailure) in
            try await connection.execute(sql: "SELECT ARRAY[[1,2],[3,4]] AS grid", parameters: [], resultSetOptions: nil)
        }
        #expect(failure?.kind == .unsupportedResult)
        #expect(failure?.message.contains("_int4") == true)
    }
}
