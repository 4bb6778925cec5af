import AuroraDataAPI
import AuroraSQLKit
import Foundation
import SQLKit
import Testing

/// Every Data API type hint both ways through SQLKit, on both engines: values bound by SQLKit land in columns of
/// the right SQL type (read back as text by the database itself), and rows decode into Swift values unchanged.
@Suite("SQLKit type mapping against the local endpoint")
struct TypeMappingTests {
    struct Meta: Codable, Equatable, Sendable {
        var name: String
        var tags: [String]
        var depth: Int
    }

    struct Row: Decodable, Equatable {
        var i: Int64
        var d: Double
        var b: Bool
        var s: String
        var dec: Decimal
        var ts: Date
        var day: Date
        var tm: DataAPITime
        var u: UUID
        var j: Meta
        var bl: [UInt8]
        var n: String?
    }

    static let decimal = Decimal(string: "12345678901234567890.123456789012345678")!
    static let instant = Date(timeIntervalSince1970: 1_700_000_000.123456)
    static let uuid = UUID(uuidString: "0b3e2c4a-9d1f-4c6e-8a7b-5f0e1d2c3b4a")!
    static let time = DataAPITime(hour: 23, minute: 59, second: 58, nanosecond: 654_321_000)!
    static let meta = Meta(name: "Ørsted \"quoted\" 🚀", tags: ["a", "b"], depth: 3)
    static let blob: [UInt8] = [0, 1, 2, 254, 255] + Array("bytes".utf8)

    private func createTable(_ sql: AuroraSQLDatabase) async throws {
        let columns =
            sql.engine == .postgresql
            ? "i BIGINT, d DOUBLE PRECISION, b BOOLEAN, s TEXT, dec NUMERIC(38,18), ts TIMESTAMP(6), day DATE, "
                + "tm TIME(6), u UUID, j JSONB, bl BYTEA, n TEXT"
            : "i BIGINT, d DOUBLE, b BOOLEAN, s VARCHAR(255), `dec` DECIMAL(38,18), ts DATETIME(6), day DATE, "
                + "tm TIME(6), u CHAR(36), j JSON, bl LONGBLOB, n VARCHAR(10)"
        try await sql.raw("CREATE TABLE types (\(unsafeRaw: columns))").run()
    }

    private func insert(_ sql: AuroraSQLDatabase) async throws {
        try await sql.insert(into: "types")
            .columns("i", "d", "b", "s", "dec", "ts", "day", "tm", "u", "j", "bl", "n")
            .values(
                SQLBind(Int64.min + 1), SQLBind(-0.000123), SQLBind(true), SQLBind("naïve ☕ 'x'"), SQLBind(Self.decimal),
                SQLBind(Self.instant), SQLBind(SQLDate(Self.instant)), SQLBind(Self.time), SQLBind(Self.uuid),
                SQLBind(Self.meta), SQLBind(Self.blob), SQLBind(String?.none)
            )
            .run()
    }

    @Test("values bound by SQLKit read back unchanged", arguments: AuroraSQLEngine.allCases)
    func roundTrip(engine: AuroraSQLEngine) async throws {
        let sql = try await DriverFixture.make(engine, prefix: "types").sql
        try await createTable(sql)
        try await insert(sql)
        let row = try #require(try await sql.select().columns("*").from("types").first(decoding: Row.self))
        #expect(row.i == Int64.min + 1)
        #expect(row.d == -0.000123)
        #expect(row.b)
        #expect(row.s == "naïve ☕ 'x'")
        #expect(row.dec == Self.decimal)
        #expect(abs(row.ts.timeIntervalSince1970 - Self.instant.timeIntervalSince1970) < 0.000_001)
        #expect(row.day == Date(timeIntervalSince1970: 1_699_920_000))  // 2023-11-14, midnight UTC
        #expect(row.tm == Self.time)
        #expect(row.u == Self.uuid)
        #expect(row.j == Self.meta)
        #expect(row.bl == Self.blob)
        #expect(row.n == nil)
    }

    @Test("each hinted value reaches the database as its SQL type", arguments: AuroraSQLEngine.allCases)
    func storedTypes(engine: AuroraSQLEngine) async throws {
        let sql = try await DriverFixture.make(engine, prefix: "types").sql
        try await createTable(sql)
        try await insert(sql)
        struct Text: Decodable { var dec: String, ts: String, day: String, tm: String, u: String, name: String, isNull: Bool }
        let text =
            engine == .postgresql
            ? try await sql.raw(
                "SELECT dec::text AS dec, ts::text AS ts, day::text AS day, tm::text AS tm, u::text AS u, j->>'name' AS name, n IS NULL AS \"isNull\" FROM types"
            ).first(decoding: Text.self)
            : try await sql.raw(
                "SELECT CAST(`dec` AS CHAR) AS `dec`, CAST(ts AS CHAR) AS ts, CAST(day AS CHAR) AS day, CAST(tm AS CHAR) AS tm, u, JSON_UNQUOTE(JSON_EXTRACT(j, '$.name')) AS name, n IS NULL AS isNull FROM types"
            ).first(decoding: Text.self)
        let stored = try #require(text)
        #expect(stored.dec == "12345678901234567890.123456789012345678")
        #expect(stored.ts == "2023-11-14 22:13:20.123456")
        #expect(stored.day == "2023-11-14")
        #expect(stored.tm == "23:59:58.654321")
        #expect(stored.u == "0b3e2c4a-9d1f-4c6e-8a7b-5f0e1d2c3b4a")
        #expect(stored.name == Self.meta.name)
        #expect(stored.isNull)
    }

    @Test("NULL in every column type decodes into optionals", arguments: AuroraSQLEngine.allCases)
    func nulls(engine: AuroraSQLEngine) async throws {
        let sql = try await DriverFixture.make(engine, prefix: "types").sql
        try await createTable(sql)
        try await sql.raw("INSERT INTO types (i) VALUES (\(bind: Int?.none))").run()
        struct Nulls: Decodable {
            var i: Int64?, d: Double?, b: Bool?, s: String?, dec: Decimal?, ts: Date?, day: Date?
            var tm: DataAPITime?, u: UUID?, j: Meta?, bl: [UInt8]?, n: String?
        }
        let row = try #require(try await sql.select().columns("*").from("types").first(decoding: Nulls.self))
        #expect(row.i == nil && row.d == nil && row.b == nil && row.s == nil && row.dec == nil && row.ts == nil)
        #expect(row.day == nil && row.tm == nil && row.u == nil && row.j == nil && row.bl == nil && row.n == nil)
        let first = try #require(try await sql.select().columns("*").from("types").first())
        #expect(try first.decodeNil(column: "dec"))
        #expect(first.allColumns.count == 12)
    }

    @Test("a value of the wrong type fails with the row and column named", arguments: AuroraSQLEngine.allCases)
    func decodingError(engine: AuroraSQLEngine) async throws {
        let sql = try await DriverFixture.make(engine, prefix: "types").sql
        let row = try #require(try await sql.raw("SELECT 'not a number' AS amount").first())
        #expect {
            try row.decode(column: "amount", as: Int.self)
        } throws: { error in
            let message = (error as? DataAPIError)?.message ?? ""
            return (error as? DataAPIError)?.code == .decodingFailed && message.contains("amount")
        }
        #expect {
            try row.decode(column: "missing", as: Int.self)
        } throws: { error in
            (error as? DataAPIError)?.message.contains(#"no column is labelled "missing""#) == true
        }
    }
}
