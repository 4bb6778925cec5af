// `--decode`: where a read's client-side time goes, without the network. One 1,000-row response is fetched once,
// then turned into the struct each way, over and over (interleaved rounds, medians):
//   client.query's decoding (ResultSet.decode), SQLKit's SQLRowDecoder over AuroraSQLRow, AuroraSQLRow's
//   decode(column:as:) called directly for each column, and Fluent's model machinery alone: Model() and
//   output(from:) over values already in memory, and over an output holding no field at all (Fluent then reads
//   nothing; what remains is FluentKit's own per-row cost, the floor for any Fluent driver).
import AuroraDataAPI
import AuroraDataAPIModel
import AuroraSQLKit
import FluentKit
import Foundation
import SQLKit

/// A Fluent output over values already in memory: what Fluent's own machinery costs when decoding costs nothing.
struct ValuesOutput: DatabaseOutput {
    let row: BenchRow

    var description: String { "\(row)" }
    func schema(_ schema: String) -> any DatabaseOutput { self }
    func contains(_ key: FieldKey) -> Bool { true }
    func decodeNil(_ key: FieldKey) throws -> Bool { false }

    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T {
        let value: Any =
            switch key.description {
            case "id": row.id
            case "name": row.name
            case "quantity": row.quantity
            case "score": row.score
            case "created_at": row.createdAt
            case "active": row.active
            default: row.price
            }
        return value as! T
    }
}

/// A Fluent output with no field: `output(from:)` reads nothing, so only FluentKit's own per-row work is left.
struct NoFieldOutput: DatabaseOutput {
    var description: String { "[]" }
    func schema(_ schema: String) -> any DatabaseOutput { self }
    func contains(_ key: FieldKey) -> Bool { false }
    func decodeNil(_ key: FieldKey) throws -> Bool { true }
    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T {
        throw BenchmarkFailure(description: "no field \(key)")
    }
}

func decodeBreakdown(_ bench: Bench, rounds: Int) async throws {
    let select = "SELECT \(Bench.selectList) FROM bench_rows ORDER BY id"
    let response = try await bench.client.execute(SQLQuery(unsafeSQL: select))
    let sqlRows: [any SQLRow] = try await bench.sql.rows(SQLRaw(select)).rows
    let decoded = try response.decode(BenchRow.self)
    try bench.check(read: decoded, .client)

    let loops: [(name: String, body: () throws -> [BenchRow])] = [
        ("client.query's decoding (ResultSet.decode)", { try response.decode(BenchRow.self) }),
        ("SQLKit: SQLRowDecoder over AuroraSQLRow", {
            try sqlRows.map { try $0.decode(model: BenchRow.self, with: SQLRowDecoder()) }
        }),
        ("AuroraSQLRow.decode(column:as:) per column", {
            try sqlRows.map { row in
                BenchRow(
                    id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                    quantity: try row.decode(column: "quantity", as: Int.self),
                    score: try row.decode(column: "score", as: Double.self),
                    createdAt: try row.decode(column: "created_at", as: Date.self),
                    active: try row.decode(column: "active", as: Bool.self),
                    price: try row.decode(column: "price", as: Decimal.self))
            }
        }),
        ("Fluent's model machinery, values in memory", {
            try decoded.map { row in
                let model = BenchModel()
                try model.output(from: ValuesOutput(row: row))
                return model.row
            }
        }),
        ("Fluent's model machinery, reading no field", {
            try decoded.map { row in
                let model = BenchModel()
                try model.output(from: NoFieldOutput())
                return row
            }
        }),
    ]
    // Every way but the last (which reads nothing into its models) must give back the rows as inserted.
    for loop in loops.dropLast() { try bench.check(read: try loop.body(), .client) }
    var times = [[Double]](repeating: [], count: loops.count)
    var checksum = 0
    for _ in 0..<rounds {
        for index in loops.indices.shuffled() {
            times[index].append(try await milliseconds { checksum &+= try loops[index].body().count })
        }
    }
    print("\(bench.engine.rawValue): decoding one \(rowCount)-row response, no network (\(rounds) interleaved rounds, medians)")
    for (index, loop) in loops.enumerated() {
        print("  " + loop.name.padding(toLength: 48, withPad: " ", startingAt: 0) + String(format: "%7.3f ms", median(times[index])))
    }
    if checksum == 0 { print("(nothing decoded)") }
}
