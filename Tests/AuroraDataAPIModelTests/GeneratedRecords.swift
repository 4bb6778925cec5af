// Tests/ModelSanitizer builds these tests with the model alone (no macro): there they are left out.
#if canImport(AuroraDataAPIRecords)
import AuroraDataAPIModel
import AuroraDataAPIRecords
import Foundation
import Testing

/// `RecordDecodableTests.Wide` with the conformance written by `@DataAPIRecord` (memberwise initializer path).
@DataAPIRecord
struct GeneratedWide: Decodable, Equatable {
    var int: Int
    var int8: Int8?
    var int16: Int16
    var int32: Int32?
    var int64: Int64
    var uint: UInt?
    var uint8: UInt8
    var uint16: UInt16?
    var uint32: UInt32
    var uint64: UInt64?
    var text: String
    var note: String?
    var flag: Bool
    var maybeFlag: Bool?
    var double: Double
    var float: Float?
    var amount: Decimal
    var price: Decimal?
    var createdAt: Date
    var shipDate: Date?
    var id: UUID
    var ref: UUID?
    var blob: Data
    var raw: [UInt8]?
    var time: DataAPITime
    var endTime: DataAPITime?
    var level: RecordDecodableTests.Wide.Level
    var levels: [RecordDecodableTests.Wide.Level]?
    var tags: [String]
    var small: Float
    var maybeInt: Int?
    var maybeDouble: Double?
    var maybeInt16: Int16?
    var maybeInt64: Int64?
    var maybeUInt: UInt
    var maybeUInt8: UInt8?
    var maybeUInt32: UInt32?
    var bigUInt64: UInt64
    var blobData: Data?
    var bytes: [UInt8]
    var int8Strict: Int8
    var int32Strict: Int32
    var uint16Strict: UInt16
    var maybeDate: Date?
}

/// CodingKeys with raw values, a defaulted property left out of them, a `let` with a value, and an initializer of
/// its own (the generated one assigns the properties one by one).
@DataAPIRecord
struct GeneratedKeyed: Decodable, Equatable {
    let kind: String = "keyed"
    var createdAt: Date
    var title: String?
    var views: Int = 7
    var cached: Bool = false
    var total: Int { views * 2 }

    enum CodingKeys: String, CodingKey {
        case title = "headline", createdAt = "created_at"
        case views
    }

    init(createdAt: Date, title: String?, views: Int) {
        self.createdAt = createdAt
        self.title = title
        self.views = views
    }
}

@Suite struct GeneratedRecordTests {
    /// A nested type whose memberwise initializer is private (a private property).
    @DataAPIRecord
    struct Tag: Decodable {
        private var name: String
        var weight: Int?
        var label: String { name.uppercased() }
    }

    @Test func nestedTypeWithAPrivateProperty() throws {
        let set = try ResultSet(
            columns: ["name", "weight"].map { ColumnMetadata(label: $0) }, records: [[.string("swift"), .null]])
        let tag = try #require(try set.decode(Tag.self).first)
        #expect(tag.label == "SWIFT" && tag.weight == nil)
    }

    @Test func keysFollowCodingKeys() {
        #expect(GeneratedKeyed.recordKeys == ["headline", "created_at", "views"])
    }

    /// Values, NULLs, missing columns and wrong values decode as through the Decodable path.
    @Test(arguments: [
        [Field.string("Hi"), .string("2024-01-02 03:04:05"), .long(3)],
        [.null, .string("2024-01-02"), .string("12")],
        [.string("x"), .null, .long(1)],
        [.string("x"), .string("2024-01-02"), .string("many")],
        [.long(5), .string("2024-01-02"), .null],
    ])
    func valuesAndErrorsMatchTheDecodablePath(row: [Field]) throws {
        for labels in [["headline", "created_at", "views"], ["headline", "created_at", "other"]] {
            let set = try ResultSet(columns: labels.map { ColumnMetadata(label: $0) }, records: [row])
            let outcome = set.outcomes(GeneratedKeyed.self, options: .init())
            #expect(outcome.record == outcome.decodable)
        }
    }

    @Test func propertiesOutsideTheKeysKeepTheirValues() throws {
        let set = try ResultSet(
            columns: ["views", "created_at", "headline"].map { ColumnMetadata(label: $0) },
            records: [[.long(3), .string("2024-01-02"), .null]])
        let record = try #require(try set.decode(GeneratedKeyed.self).first)
        #expect(record.views == 3 && record.title == nil && record.kind == "keyed" && !record.cached)
    }
}
#endif
