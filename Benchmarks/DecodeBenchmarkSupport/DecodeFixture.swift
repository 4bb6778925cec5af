// The decode benchmarks' data: ExecuteStatement responses shaped like Aurora's, generated the same way (same seed,
// same bytes) by `decode-benchmark` in this package and by `Benchmarks/ConsumerBenchmark`, whose
// `Sources/ConsumerFixture` folder links to this one.
//
// 8 columns: BIGINT, VARCHAR, TEXT, DECIMAL as stringValue, TIMESTAMP as stringValue with 0-6 fraction digits,
// BOOLEAN, DOUBLE, an often-NULL VARCHAR; with columnMetadata. Text is production-like: accents, Cyrillic, CJK,
// emoji, quotes, backslashes, tabs, newlines. Foundation is used to generate the data only.
import AuroraDataAPIModel
import Foundation

public enum DecodeFixture {
    public static let mebibyte = 1 << 20

    /// A ~1 MiB ExecuteStatement response (`records` and `columnMetadata`) and its rows; `asciiOnly` keeps the same
    /// shape with ASCII words and no escapes.
    public static func response(asciiOnly: Bool = false) -> (rows: [[Field]], json: [UInt8]) {
        let sample = recordsJSON(rows: makeRows(count: 200, asciiOnly: asciiOnly)).count
        let rows = makeRows(count: 200 * mebibyte / sample, asciiOnly: asciiOnly)
        return (rows, recordsJSON(rows: rows))
    }

    /// The columns of every response, labelled in snake_case (`created_at`).
    public static let columns: [ColumnMetadata] = [
        ("id", JDBCType.bigint, "BIGINT"), ("name", JDBCType.varchar, "VARCHAR"),
        ("description", JDBCType.longvarchar, "TEXT"), ("price", JDBCType.decimal, "DECIMAL"),
        ("created_at", JDBCType.timestamp, "TIMESTAMP"), ("active", JDBCType.boolean, "BOOLEAN"),
        ("score", JDBCType.double, "DOUBLE"), ("note", JDBCType.varchar, "VARCHAR"),
    ].map { name, type, typeName in
        ColumnMetadata(
            name: name, type: type, typeName: typeName, label: name, schemaName: "", tableName: "products", nullable: 1)
    }

    /// The body of an ExecuteStatement response with these rows.
    public static func recordsJSON(rows: [[Field]]) -> [UInt8] {
        [UInt8](try! JSONEncoder().encode(ExecuteStatementResponse(records: rows, columnMetadata: columns, numberOfRecordsUpdated: 0)))
    }

    /// The same rows as a `formatRecordsAs: JSON` response body.
    public static func formattedJSON(rows: [[Field]]) -> [UInt8] {
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

    /// The formattedRecords response shape, also read by the Foundation baseline.
    public struct FormattedShape: Codable {
        public var formattedRecords: String
        public var numberOfRecordsUpdated: Int64
    }

    // MARK: - Rows

    /// Rows of production-like data, the same for the same count.
    public static func makeRows(count: Int, asciiOnly: Bool = false) -> [[Field]] {
        var generator = Generator(state: 2026)
        let base = 1_700_000_000
        func text(_ value: String) -> Field {
            guard asciiOnly else { return .string(value) }
            return .string(String(value.unicodeScalars.map {
                $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "x"
            }))
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

    /// SplitMix64: the same sequence on every run and platform.
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
    static let words = [
        "order", "shipped", "customer", "invoice", "delivery", "résumé", "naïve", "Zürich", "São", "Paulo",
        "Привет", "мир", "заказ", "доставка", "東京", "注文", "配送", "北京", "服务", "😀", "🚀", "👍🏽", "Ωmega", "ça",
        "\"quoted\"", "back\\slash", "C:\\temp\\file.txt", "tab\there", "it's", "a/b", "50%", "#42", "line\nbreak",
    ]

    static func sentence(_ count: Int, _ generator: inout Generator) -> String {
        (0..<count).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
    }

    /// A multi-line text: sentences separated by newlines, some lines indented with a tab.
    static func paragraph(_ generator: inout Generator) -> String {
        (0..<Int.random(in: 1...3, using: &generator)).map { _ in
            (Bool.random(using: &generator) ? "\t" : "") + sentence(Int.random(in: 4...12, using: &generator), &generator)
        }.joined(separator: "\n")
    }
}
