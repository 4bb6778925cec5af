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
//   @DataAPIRecord   the same struct with the macro's RecordDecodable conformance (still Decodable)
//   formatted        the same struct from formattedRecords
// and, as baselines, the same work through Foundation's JSONDecoder (Field's Codable, then a second pass).
// Foundation is imported here for the baseline only; the library uses FoundationEssentials.
import AuroraDataAPIModel
import AuroraDataAPIRecords
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

/// Everyday text: Latin with accents, Cyrillic, CJK, emoji, and the characters JSON must escape.
let words = ["order", "shipped", "customer", "invoice", "delivery", "résumé", "naïve", "Zürich", "São", "Paulo",
    "Привет", "мир", "заказ", "доставка", "東京", "注文", "配送", "北京", "服务", "😀", "🚀", "👍🏽", "Ωmega", "ça",
    "\"quoted\"", "back\\slash", "C:\\temp\\file.txt", "tab\there", "it's", "a/b", "50%", "#42", "line\nbreak"]

func sentence(_ count: Int, _ generator: inout Generator) -> String {
    (0..<count).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
}

/// A multi-line text: sentences separated by newlines, some lines indented with a tab.
func paragraph(_ generator: inout Generator) -> String {
    (0..<Int.random(in: 1...3, using: &generator)).map { _ in
        (Bool.random(using: &generator) ? "\t" : "") + sentence(Int.random(in: 4...12, using: &generator), &generator)
    }.joined(separator: "\n")
}

/// Rows of production-like data; `asciiOnly` keeps the same shape with ASCII words and no escapes.
func makeRows(count: Int, asciiOnly: Bool = false) -> [[Field]] {
    var generator = Generator(state: 2026)
    let base = 1_700_000_000
    func text(_ value: String) -> Field {
        guard asciiOnly else { return .string(value) }
        return .string(String(value.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "x" }))
    }
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
            text(sentence(2, &generator)),
            text(paragraph(&generator)),
            .string("\(cents / 100).\(String(format: "%02d", cents % 100))"),
            .string(timestamp),
            .bool(Bool.random(using: &generator)),
            .double(Double(Int.random(in: 0...1_000_000, using: &generator)) / 64),
            Int.random(in: 0..<3, using: &generator) == 0 ? .null : text(sentence(3, &generator)),
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
func response(asciiOnly: Bool) -> (rows: [[Field]], json: [UInt8]) {
    let sample = recordsJSON(rows: makeRows(count: 200, asciiOnly: asciiOnly)).count
    let rows = makeRows(count: 200 * mebibyte / sample, asciiOnly: asciiOnly)
    return (rows, recordsJSON(rows: rows))
}
let (rows, records) = response(asciiOnly: false)
let asciiRecords = response(asciiOnly: true).json
let formatted = formattedJSON(rows: rows)

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
    sink &+= try body()  // warm-up
    var times: [Double] = []
    for _ in 0..<repetitions {
        let start = ContinuousClock.now
        sink &+= try body()
        let elapsed = ContinuousClock.now - start
        times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
    }
    times.sort()
    return report(name, bytes: bytes, median: times[times.count / 2], best: times[0])
}

@discardableResult
func report(_ name: String, bytes: Int, median: Double, best: Double) -> Double {
    let mib = Double(bytes) / Double(mebibyte)
    let megabytesPerSecond = Double(bytes) / 1e6 / (median / 1e3)
    print(
        name.padding(toLength: 46, withPad: " ", startingAt: 0)
            + String(
                format: "%7.2f ms/MiB %7.1f MB/s  (median of %d; best %.2f ms/MiB)", median / mib, megabytesPerSecond,
                repetitions, best / mib))
    return median / mib
}

/// Python's `json.loads` on the same bytes, timed by Python itself (median and best in milliseconds); nil when
/// python3 is not installed.
func pythonJSONLoads(_ bytes: [UInt8]) -> (median: Double, best: Double)? {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("decode-benchmark-\(getpid()).json")
    defer { try? FileManager.default.removeItem(at: file) }
    guard (try? Data(bytes).write(to: file)) != nil else { return nil }
    let script = """
        import json, sys, time
        data = open(sys.argv[1], "rb").read()
        json.loads(data)
        times = []
        for _ in range(int(sys.argv[2])):
            start = time.perf_counter()
            json.loads(data)
            times.append((time.perf_counter() - start) * 1e3)
        times.sort()
        print(times[len(times) // 2], times[0])
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, file.path, String(repetitions)]
    let output = Pipe()
    process.standardOutput = output
    guard (try? process.run()) != nil else { return nil }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let numbers = text.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    guard process.terminationStatus == 0, numbers.count == 2 else { return nil }
    return (numbers[0], numbers[1])
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
if let python = pythonJSONLoads(records) {
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
    let shape = try JSONDecoder().decode(FormattedShape.self, from: Data(formatted))
    let objects = try JSONDecoder().decode([FormattedProduct].self, from: Data(shape.formattedRecords.utf8))
    return objects.map {
        Product(
            id: $0.id, name: $0.name, description: $0.description, price: Decimal(string: $0.price)!,
            createdAt: timestampFormatter($0.created_at), active: $0.active, score: $0.score, note: $0.note)
    }.count
}
print("(checksum \(sink))")
