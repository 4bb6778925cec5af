// decode-benchmark: how fast a ~1 MiB ExecuteStatement response becomes rows and records.
//
// Run: swift run -c release decode-benchmark [repetitions]
//
// Generates responses shaped like Aurora's (Benchmarks/DecodeBenchmarkSupport: 8 columns, BIGINT, VARCHAR, TEXT,
// DECIMAL as stringValue, TIMESTAMP as stringValue with 0-6 fraction digits, BOOLEAN, DOUBLE, an often-NULL VARCHAR;
// with columnMetadata), and the same data as formattedRecords, then prints the median time per MiB and throughput of:
//   parse            ExecuteStatementResponse(json:)
//   rows by label    parse + every value read as a Field with row["label"]
//   records          parse + decode into a Decodable struct (Decimal, Date, optionals; convertFromSnakeCase)
//   @DataAPIRecord   the same struct with the macro's RecordDecodable conformance (still Decodable)
//   formatted        the same struct from formattedRecords
// and, as baselines, the same work through Foundation's JSONDecoder (Field's Codable, then a second pass).
// Foundation is imported here for the baseline only; the library uses FoundationEssentials.
// This target is inside aurora-data; Benchmarks/ConsumerBenchmark measures the same decoding from a package that
// depends on it, as a user's app does (the README's decode rows come from there).
import AuroraDataAPIModel
import AuroraDataAPIRecords
import DecodeBenchmarkSupport
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

/// The same record read through `RecordDecodable` (the conformance a macro would generate).
/// The conformance `@DataAPIRecord` writes reads the values into locals, then calls the memberwise initializer
/// (assigning the properties one by one in the throwing initializer made Swift build the value aside and copy it).
@DataAPIRecord
struct RecordProduct: Decodable {
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

// MARK: - Data (Benchmarks/DecodeBenchmarkSupport, shared with Benchmarks/ConsumerBenchmark)

let mebibyte = DecodeFixture.mebibyte
let columns = DecodeFixture.columns
let (rows, records) = DecodeFixture.response()
let asciiRecords = DecodeFixture.response(asciiOnly: true).json
let formatted = DecodeFixture.formattedJSON(rows: rows)

// MARK: - Measurement

let arguments = CommandLine.arguments.dropFirst()
let repetitions = arguments.first.flatMap { Int($0) } ?? 41
/// `--profile`: only the records-into-struct loop, for a profiler; `--profile-records`: the same into the
/// RecordDecodable struct; `--profile-parse`: only the parse loop.
let profileOnly = arguments.contains("--profile")
let profileRecords = arguments.contains("--profile-records")
let profileParse = arguments.contains("--profile-parse")
var sink = 0

/// Prints and returns the median milliseconds per MiB of `body` over `bytes` bytes.
@MainActor @discardableResult
func measure(_ name: String, bytes: Int, _ body: () throws -> Int) rethrows -> Double {
    let time = try DecodeTiming.measure(repetitions: repetitions, checksum: &sink, body)
    return report(name, bytes: bytes, median: time.median, best: time.best)
}

@discardableResult
func report(_ name: String, bytes: Int, median: Double, best: Double) -> Double {
    print(DecodeTiming.line(name, bytes: bytes, median: median, best: best, runs: repetitions))
    return median / (Double(bytes) / Double(mebibyte))
}

let snake = RecordDecodingOptions(keyDecodingStrategy: .convertFromSnakeCase)
if profileParse {
    try measure("parse records", bytes: records.count) {
        try ExecuteStatementResponse(json: records).numberOfRecordsUpdated.map(Int.init) ?? 0
    }
    exit(0)
}
if profileOnly {
    try measure("(b) records into Decodable struct", bytes: records.count) {
        try ExecuteStatementResponse(json: records).decode(Product.self, options: snake).count
    }
    exit(0)
}
if profileRecords {
    try measure("(b) records into @DataAPIRecord struct", bytes: records.count) {
        try ExecuteStatementResponse(json: records).decode(RecordProduct.self, options: snake).count
    }
    exit(0)
}
let labels = columns.map { $0.label! }
let timestampFormatter: (String) -> Date = { DataAPIDateTime.parseTimestamp($0)! }

print("decode-benchmark: \(rows.count) rows x 8 columns of production-like text (accents, Cyrillic, CJK, emoji, quotes,")
print("backslashes, tabs, newlines; a third of `note` NULL); records response \(records.count) bytes, formattedRecords \(formatted.count) bytes")
print("times are per MiB of response JSON; targets: records into the Decodable struct at most 3 ms/MiB and at least")
print("3.5x faster than Python's json.loads on the same bytes")
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
let ours = try measure("(b) records into Decodable struct", bytes: records.count) {
    try ExecuteStatementResponse(json: records).decode(Product.self, options: snake).count
}
let oursRecords = try measure("(b) records into @DataAPIRecord struct", bytes: records.count) {
    try ExecuteStatementResponse(json: records).decode(RecordProduct.self, options: snake).count
}
try measure("(b) the same, ASCII-only text", bytes: asciiRecords.count) {
    try ExecuteStatementResponse(json: asciiRecords).decode(Product.self, options: snake).count
}
try measure("(b) formattedRecords into Decodable struct", bytes: formatted.count) {
    try ExecuteStatementResponse(json: formatted).decode(Product.self, options: snake).count
}

print("-- baseline: Python json.loads (dicts and lists only, no typed values)")
if let python = DecodeTiming.pythonJSONLoads(records, repetitions: repetitions) {
    let theirs = report("json.loads records", bytes: records.count, median: python.median, best: python.best)
    print(String(format: "(b) records into the struct is %.2fx faster than json.loads (target 3.5x); %.2f ms/MiB (target 3)", theirs / ours, ours))
    print(String(format: "(b) @DataAPIRecord struct is %.2fx faster than json.loads (target 3.5x); %.2f ms/MiB (target 3)", theirs / oursRecords, oursRecords))
} else {
    print("python3 is not available: no json.loads figure")
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
    let shape = try JSONDecoder().decode(DecodeFixture.FormattedShape.self, from: Data(formatted))
    let objects = try JSONDecoder().decode([FormattedProduct].self, from: Data(shape.formattedRecords.utf8))
    return objects.map {
        Product(
            id: $0.id, name: $0.name, description: $0.description, price: Decimal(string: $0.price)!,
            createdAt: timestampFormatter($0.created_at), active: $0.active, score: $0.score, note: $0.note)
    }.count
}
print("(checksum \(sink))")
