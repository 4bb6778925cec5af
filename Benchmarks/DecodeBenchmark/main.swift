// decode-benchmark: how fast a ~1 MiB ExecuteStatement response becomes rows and records.
//
// Run: swift run -c release decode-benchmark [repetitions]
//
// Generates responses shaped like Aurora's (8 columns: BIGINT, VARCHAR, TEXT, DECIMAL as stringValue, TIMESTAMP as
// stringValue with 0-6 fraction digits, BOOLEAN, DOUBLE, an often-NULL VARCHAR; with columnMetadata), and the same
// data as formattedRecords, then prints the median time per MiB and throughput of:
//   parse            ExecuteStatementResponse(json:)
//   rows by label    parse + every value read as a Field with row["label"]
//   records          parse + decode into a Decodable struct (Decimal, Date, optionals; convertFromSnakeCase)
//   formatted        the same struct from formattedRecords
// and, as baselines, the same work through Foundation's JSONDecoder (Field's Codable, then a second pass).
// Foundation is imported here for the baseline only; the library uses FoundationEssentials.
import AuroraDataAPIModel
import Foundation

struct Product: Decodable {
    var id: Int64
    var name: String
    var description: String
    var price: Decimal
    var createdAt: Date
    var active: Bool
    var score: Double
    var note: String?
}

/// The formattedRecords shape for the Foundation baseline (DECIMAL and TIMESTAMP arrive as strings).
struct FormattedProduct: Decodable {
    var id: Int64
    var name: String
    var description: String
    var price: String
    var created_at: String
    var active: Bool
    var score: Double
    var note: String?
}

struct RecordsShape: Decodable {
    var records: [[Field]]?
    var columnMetadata: [ColumnMetadata]?
    var numberOfRecordsUpdated: Int64?
}

struct FormattedShape: Codable {
    var formattedRecords: String
    var numberOfRecordsUpdated: Int64
}

// MARK: - Data

struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett", "kilo",
    "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "ünïcode", "naïve", "\"quoted\""]

func sentence(_ count: Int, _ generator: inout Generator) -> String {
    (0..<count).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
}

func makeRows(count: Int) -> [[Field]] {
    var generator = Generator(state: 2026)
    let base = 1_700_000_000
    return (0..<count).map { index in
        let fractionDigits = Int.random(in: 0...6, using: &generator)
        var timestamp = try! DataAPIDateTime.formatTimestamp(
            Date(timeIntervalSince1970: TimeInterval(base + Int.random(in: 0...100_000_000, using: &generator))))
        if fractionDigits > 0 {
            timestamp += "." + (0..<fractionDigits).map { _ in String(Int.random(in: 1...9, using: &generator)) }.joined()
        }
        let cents = Int.random(in: 0...99_999_999, using: &generator)
        return [
            .long(Int64(index) + 1_000_000),
            .string(sentence(2, &generator)),
            .string(sentence(Int.random(in: 6...20, using: &generator), &generator)),
            .string("\(cents / 100).\(String(format: "%02d", cents % 100))"),
            .string(timestamp),
            .bool(Bool.random(using: &generator)),
            .double(Double(Int.random(in: 0...1_000_000, using: &generator)) / 64),
            Int.random(in: 0..<10, using: &generator) < 7 ? .null : .string(sentence(3, &generator)),
        ]
    }
}

let columns: [ColumnMetadata] = [
    ("id", JDBCType.bigint, "BIGINT"), ("name", JDBCType.varchar, "VARCHAR"), ("description", JDBCType.longvarchar, "TEXT"),
    ("price", JDBCType.decimal, "DECIMAL"), ("created_at", JDBCType.timestamp, "TIMESTAMP"),
    ("active", JDBCType.boolean, "BOOLEAN"), ("score", JDBCType.double, "DOUBLE"), ("note", JDBCType.varchar, "VARCHAR"),
].map { name, type, typeName in
    ColumnMetadata(name: name, type: type, typeName: typeName, label: name, schemaName: "", tableName: "products", nullable: 1)
}

func recordsJSON(rows: [[Field]]) -> [UInt8] {
    [UInt8](try! JSONEncoder().encode(ExecuteStatementResponse(records: rows, columnMetadata: columns, numberOfRecordsUpdated: 0)))
}

func formattedJSON(rows: [[Field]]) -> [UInt8] {
    let objects: [[String: Any]] = rows.map { row in
        var object: [String: Any] = [:]
        for (column, field) in zip(columns, row) {
            switch field {
            case .long(let value): object[column.label!] = value
            case .string(let value): object[column.label!] = value
            case .bool(let value): object[column.label!] = value
            case .double(let value): object[column.label!] = value
            default: object[column.label!] = NSNull()
            }
        }
        return object
    }
    let text = String(decoding: try! JSONSerialization.data(withJSONObject: objects), as: UTF8.self)
    return [UInt8](try! JSONEncoder().encode(FormattedShape(formattedRecords: text, numberOfRecordsUpdated: 0)))
}

// Pick a row count that gives about 1 MiB of records JSON.
let mebibyte = 1 << 20
let sample = recordsJSON(rows: makeRows(count: 200)).count
let rows = makeRows(count: 200 * mebibyte / sample)
let records = recordsJSON(rows: rows)
let formatted = formattedJSON(rows: rows)

// MARK: - Measurement

let repetitions = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 41
var sink = 0

@MainActor func measure(_ name: String, bytes: Int, _ body: () throws -> Int) rethrows {
    sink &+= try body()  // warm-up
    var times: [Double] = []
    for _ in 0..<repetitions {
        let start = ContinuousClock.now
        sink &+= try body()
        let elapsed = ContinuousClock.now - start
        times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
    }
    times.sort()
    let median = times[times.count / 2]
    let mib = Double(bytes) / Double(mebibyte)
    let megabytesPerSecond = Double(bytes) / 1e6 / (median / 1e3)
    print(
        name.padding(toLength: 46, withPad: " ", startingAt: 0)
            + String(
                format: "%7.2f ms/MiB %7.1f MB/s  (median of %d; best %.2f ms/MiB)", median / mib, megabytesPerSecond,
                repetitions, times[0] / mib))
}

let snake = RecordDecodingOptions(keyDecodingStrategy: .convertFromSnakeCase)
let labels = columns.map { $0.label! }
let timestampFormatter: (String) -> Date = { DataAPIDateTime.parseTimestamp($0)! }

print("decode-benchmark: \(rows.count) rows x 8 columns; records response \(records.count) bytes, formattedRecords response \(formatted.count) bytes")
print("times are per MiB of response JSON; target: records into the Decodable struct in at most 5 ms/MiB")
print("-- aurora-data (AuroraDataAPIModel)")
try measure("parse records", bytes: records.count) {
    try ExecuteStatementResponse(json: records).numberOfRecordsUpdated.map(Int.init) ?? 0
}
try measure("(a) rows read by label as Fields", bytes: records.count) {
    let set = try ExecuteStatementResponse(json: records).resultSet
    var count = 0
    for row in set.rows {
        for label in labels where row[label] != .null { count += 1 }
    }
    return count
}
try measure("(b) records into Decodable struct", bytes: records.count) {
    try ExecuteStatementResponse(json: records).decode(Product.self, options: snake).count
}
try measure("(b) formattedRecords into Decodable struct", bytes: formatted.count) {
    try ExecuteStatementResponse(json: formatted).decode(Product.self, options: snake).count
}

print("-- baseline: Foundation JSONDecoder (+ second pass from Field values)")
try measure("JSONDecoder records into [[Field]]", bytes: records.count) {
    try JSONDecoder().decode(RecordsShape.self, from: Data(records)).records?.count ?? 0
}
try measure("(a) JSONDecoder, rows read by label", bytes: records.count) {
    let shape = try JSONDecoder().decode(RecordsShape.self, from: Data(records))
    let index = Dictionary(uniqueKeysWithValues: (shape.columnMetadata ?? []).enumerated().map { ($1.label!, $0) })
    var count = 0
    for row in shape.records ?? [] {
        for label in labels where row[index[label]!] != .null { count += 1 }
    }
    return count
}
try measure("(b) JSONDecoder records, then struct", bytes: records.count) {
    let shape = try JSONDecoder().decode(RecordsShape.self, from: Data(records))
    var products: [Product] = []
    for row in shape.records ?? [] {
        guard case .long(let id) = row[0], case .string(let name) = row[1], case .string(let description) = row[2],
            case .string(let price) = row[3], case .string(let created) = row[4], case .bool(let active) = row[5],
            case .double(let score) = row[6]
        else { continue }
        var note: String?
        if case .string(let text) = row[7] { note = text }
        products.append(Product(
            id: id, name: name, description: description, price: Decimal(string: price)!,
            createdAt: timestampFormatter(created), active: active, score: score, note: note))
    }
    return products.count
}
try measure("(b) JSONDecoder formattedRecords, then struct", bytes: formatted.count) {
    let shape = try JSONDecoder().decode(FormattedShape.self, from: Data(formatted))
    let objects = try JSONDecoder().decode([FormattedProduct].self, from: Data(shape.formattedRecords.utf8))
    return objects.map {
        Product(
            id: $0.id, name: $0.name, description: $0.description, price: Decimal(string: $0.price)!,
            createdAt: timestampFormatter($0.created_at), active: $0.active, score: $0.score, note: $0.note)
    }.count
}
print("(checksum \(sink))")
