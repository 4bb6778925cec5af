// The rows the driver benchmark reads and inserts: one struct every way decodes into, the Fluent models with the
// same fields, and the generated values each row must come back with.
import FluentKit
import Foundation

/// A row of ~6 typical columns, decoded by `client.query`, by SQLKit's `all(decoding:)` and (through the model) by
/// Fluent.
struct BenchRow: Codable, Sendable {
    var id: Int
    var name: String
    var quantity: Int
    var score: Double
    var createdAt: Date
    var active: Bool
    var price: Decimal

    enum CodingKeys: String, CodingKey {
        case id, name, quantity, score, active, price
        case createdAt = "created_at"
    }
}

/// The same row without its database-generated id, as SQLKit's `insert(into:).model(_:)` encodes it.
struct NewBenchRow: Encodable, Sendable {
    var name: String
    var quantity: Int
    var score: Double
    var createdAt: Date
    var active: Bool
    var price: Decimal

    enum CodingKeys: String, CodingKey {
        case name, quantity, score, active, price
        case createdAt = "created_at"
    }

    /// The values of generated row `index` (1-based): accented text, a fractional timestamp, a two-place decimal.
    init(_ index: Int) {
        name = "product \(index) — naïve café"
        quantity = index * 7 % 1000
        score = Double(index) * 0.5 + 0.125
        createdAt = Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 61 + 0.25)
        active = index % 3 == 0
        price = Decimal(string: "\(index).99", locale: Locale(identifier: "en_US_POSIX"))!
    }

    /// Whether `row` holds these values (timestamps to the microsecond the engines keep).
    func matches(_ row: BenchRow) -> Bool {
        row.name == name && row.quantity == quantity && row.score == score && row.active == active
            && row.price == price && abs(row.createdAt.timeIntervalSince(createdAt)) < 1e-6
    }
}

/// The benchmark's table as a Fluent model.
final class BenchModel: Model, @unchecked Sendable {
    static let schema = "bench_rows"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    @Field(key: "quantity") var quantity: Int
    @Field(key: "score") var score: Double
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "active") var active: Bool
    @Field(key: "price") var price: Decimal

    init() {}

    init(_ values: NewBenchRow) {
        name = values.name
        quantity = values.quantity
        score = values.score
        createdAt = values.createdAt
        active = values.active
        price = values.price
    }

    /// The model's values as the struct the other ways decode into.
    var row: BenchRow {
        BenchRow(
            id: id ?? -1, name: name, quantity: quantity, score: score, createdAt: createdAt, active: active, price: price)
    }
}

/// The same model listing its properties itself. FluentKit's default `properties` finds them by runtime reflection on
/// every access, once for every row read ("the most severe performance bottleneck in FluentKit", its own
/// documentation says); a model that lists them skips that. Same table, same values.
final class ListedBenchModel: Model, @unchecked Sendable {
    static let schema = "bench_rows"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    @Field(key: "quantity") var quantity: Int
    @Field(key: "score") var score: Double
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "active") var active: Bool
    @Field(key: "price") var price: Decimal

    init() {}

    var properties: [any AnyProperty] { [$id, $name, $quantity, $score, $createdAt, $active, $price] }

    var row: BenchRow {
        BenchRow(
            id: id ?? -1, name: name, quantity: quantity, score: score, createdAt: createdAt, active: active, price: price)
    }
}
