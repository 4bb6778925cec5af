import Foundation
import Testing

@testable import AuroraDataAPIModel

/// `RecordDecodable` against the `Decodable` path on the same result sets: same values, same errors (row, column,
/// label, what was found), for every cursor overload, both key strategies, missing and ambiguous labels.
@Suite struct RecordDecodableTests {
    /// One property per cursor overload (and the generic fallbacks), non-Optional and Optional.
    struct Wide: RecordDecodable, Equatable {
        enum Level: String, Decodable, Equatable { case low, high }
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
        var level: Level
        var levels: [Level]?
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

        static let recordKeys = [
            "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "text", "note",
            "flag", "maybeFlag", "double", "float", "amount", "price", "createdAt", "shipDate", "id", "ref", "blob",
            "raw", "time", "endTime", "level", "levels", "tags", "small", "maybeInt", "maybeDouble", "maybeInt16",
            "maybeInt64", "maybeUInt", "maybeUInt8", "maybeUInt32", "bigUInt64", "blobData", "bytes", "int8Strict",
            "int32Strict", "uint16Strict", "maybeDate",
        ]

        init(record: inout RecordCursor) throws(DataAPIError) {
            int = try record.decode(Int.self)
            int8 = try record.decode(Int8?.self)
            int16 = try record.decode(Int16.self)
            int32 = try record.decode(Int32?.self)
            int64 = try record.decode(Int64.self)
            uint = try record.decode(UInt?.self)
            uint8 = try record.decode(UInt8.self)
            uint16 = try record.decode(UInt16?.self)
            uint32 = try record.decode(UInt32.self)
            uint64 = try record.decode(UInt64?.self)
            text = try record.decode(String.self)
            note = try record.decode(String?.self)
            flag = try record.decode(Bool.self)
            maybeFlag = try record.decode(Bool?.self)
            double = try record.decode(Double.self)
            float = try record.decode(Float?.self)
            amount = try record.decode(Decimal.self)
            price = try record.decode(Decimal?.self)
            createdAt = try record.decode(Date.self)
            shipDate = try record.decode(Date?.self)
            id = try record.decode(UUID.self)
            ref = try record.decode(UUID?.self)
            blob = try record.decode(Data.self)
            raw = try record.decode([UInt8]?.self)
            time = try record.decode(DataAPITime.self)
            endTime = try record.decode(DataAPITime?.self)
            level = try record.decode(Level.self)
            levels = try record.decode([Level]?.self)
            tags = try record.decode([String].self)
            small = try record.decode(Float.self)
            maybeInt = try record.decode(Int?.self)
            maybeDouble = try record.decode(Double?.self)
            maybeInt16 = try record.decode(Int16?.self)
            maybeInt64 = try record.decode(Int64?.self)
            maybeUInt = try record.decode(UInt.self)
            maybeUInt8 = try record.decode(UInt8?.self)
            maybeUInt32 = try record.decode(UInt32?.self)
            bigUInt64 = try record.decode(UInt64.self)
            blobData = try record.decode(Data?.self)
            bytes = try record.decode([UInt8].self)
            int8Strict = try record.decode(Int8.self)
            int32Strict = try record.decode(Int32.self)
            uint16Strict = try record.decode(UInt16.self)
            maybeDate = try record.decode(Date?.self)
        }
    }

    /// What a column of each key usually holds (one value of the right kind).
    private func goodField(_ key: String, _ generator: inout SeededGenerator) -> Field {
        func pick(_ fields: [Field]) -> Field { fields.randomElement(using: &generator)! }
        let number = Int64.random(in: 0...120, using: &generator)
        switch key {
        case "text", "note":
            return pick([.string("plain"), .string("Tab\there \"q\" \\ é 😀"), .string(""), .long(number), .double(2.5)])
        case "flag", "maybeFlag": return pick([.bool(true), .bool(false), .long(0), .long(1)])
        case "double", "float", "maybeDouble", "small":
            return pick([.double(Double(number) / 8), .long(number), .string("1e3"), .double(-0.0)])
        case "amount", "price": return pick([.string("1234.50"), .string("-0.01"), .long(number), .double(0.5)])
        case "createdAt", "shipDate", "maybeDate":
            return pick([.string("2024-01-02 03:04:05.123456"), .string("2024-01-05"), .string("1999-12-31T23:59:59Z")])
        case "id", "ref": return pick([.string("E621E1F8-C36C-495A-93FC-0C247A3E6E5F"), .string("e621e1f8-c36c-495a-93fc-0c247a3e6e5f")])
        case "blob", "raw", "blobData", "bytes": return pick([.blob([0, 1, 255]), .blob([]), .string("AAEC/w==")])
        case "time", "endTime": return pick([.string("17:30:00"), .string("00:00:00.5"), .string("24:00:00")])
        case "level": return pick([.string("low"), .string("high")])
        case "levels": return pick([.array(.strings(["low", "high"])), .array(.strings([]))])
        case "tags": return pick([.array(.strings(["a", "b c"])), .array(.strings([]))])
        case "bigUInt64": return pick([.long(Int64.max), .string("18446744073709551615"), .long(number)])
        default: return pick([.long(number), .string(String(number)), .string("+7")])
        }
    }

    /// A value of some kind (for type mismatches and NULL into non-Optional properties).
    private func anyField(_ generator: inout SeededGenerator) -> Field {
        [.null, .null, .bool(true), .long(-1), .long(70_000), .long(Int64.min), .double(1.5), .string("abc"),
            .string("2024-02-30 00:00:00"), .string("12:61:00"), .string("mid"), .string(""), .blob([1]),
            .array(.longs([1, nil])), .array(.strings(["low", "mid"])), .string("{\"a\":1}")]
            .randomElement(using: &generator)!
    }

    private static func snakeCase(_ key: String) -> String {
        var text = ""
        for character in key {
            if character.isUppercase { text += "_" + character.lowercased() } else { text.append(character) }
        }
        return text
    }

    /// A random result set over `Wide`'s keys: labels exact or in snake_case, about one key in `rarity` missing
    /// or with two columns (ambiguous), one value in `rarity` wrong or NULL.
    private func randomResultSet(_ generator: inout SeededGenerator, rarity: Int) throws -> ResultSet {
        var keys: [String] = []
        var labels: [String] = []
        for key in Wide.recordKeys {
            switch Int.random(in: 0..<rarity, using: &generator) {
            case 0: continue  // no column for this key
            case 1:  // two columns with the same label: ambiguous under both strategies
                keys += [key, key]
                labels += [key, key]
            case 2 where key != Self.snakeCase(key):  // exact and snake_case: ambiguous only when converting
                keys += [key, key]
                labels += [key, Self.snakeCase(key)]
            default:
                keys.append(key)
                labels.append(Bool.random(using: &generator) ? key : Self.snakeCase(key))
            }
        }
        if Int.random(in: 0..<4, using: &generator) == 0 {
            keys.append("extra")
            labels.append("extra_column")
        }
        let order = Array(keys.indices).shuffled(using: &generator)
        let columns = order.map { ColumnMetadata(typeName: "T\($0)", label: labels[$0]) }
        let rows = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
            order.map { index in
                Int.random(in: 0..<rarity, using: &generator) == 0 ? anyField(&generator) : goodField(keys[index], &generator)
            }
        }
        return try ResultSet(columns: columns, records: rows)
    }

    @Test func randomResultSetsDecodeAsTheDecodablePathDoes() throws {
        try checkRandomResultSets(Wide.self, seed: 1_616)
    }

    @Test func errorKindsAreAllCoveredAndIdentical() throws {
        try checkErrorKinds(Wide.self, seed: 1_617)
    }

    #if canImport(AuroraDataAPIRecords)
    /// The conformance `@DataAPIRecord` writes behaves as the hand-written one: same keys, and the same values and
    /// errors as the Decodable path.
    @Test func generatedConformanceDecodesAsTheDecodablePathDoes() throws {
        #expect(GeneratedWide.recordKeys == Wide.recordKeys)
        try checkRandomResultSets(GeneratedWide.self, seed: 1_618)
        try checkErrorKinds(GeneratedWide.self, seed: 1_619)
    }
    #endif

    private func checkRandomResultSets<T: RecordDecodable>(_ type: T.Type, seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        var succeeded = 0
        var failed = 0
        for iteration in 0..<3_000 {
            let set = try randomResultSet(&generator, rarity: 400)
            for strategy in [RecordDecodingOptions.KeyDecodingStrategy.useLabels, .convertFromSnakeCase] {
                let outcome = set.outcomes(type, options: .init(keyDecodingStrategy: strategy))
                #expect(outcome.record == outcome.decodable, "#\(iteration) \(strategy)")
                if outcome.record.hasPrefix("[") { succeeded += 1 } else { failed += 1 }
            }
        }
        // Both outcomes occur often.
        #expect(succeeded > 1_000 && failed > 1_000, "\(succeeded) succeeded, \(failed) failed")
    }

    private func checkErrorKinds<T: RecordDecodable>(_ type: T.Type, seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        var seen: [String: Int] = [:]
        let kinds = [
            "found NULL", "all match the property", "no column is labelled", "does not fit", "stringValue \"mid\"",
            "Expected a TIME", "after converting from snake_case", "as \(T.self): ",
        ]
        for _ in 0..<3_000 {
            let set = try randomResultSet(&generator, rarity: 25)
            for strategy in [RecordDecodingOptions.KeyDecodingStrategy.useLabels, .convertFromSnakeCase] {
                let outcome = set.outcomes(type, options: .init(keyDecodingStrategy: strategy))
                #expect(outcome.record == outcome.decodable)
                for kind in kinds where outcome.record.contains(kind) { seen[kind, default: 0] += 1 }
            }
        }
        for kind in kinds { #expect(seen[kind, default: 0] > 0, "no error with \(kind)") }
    }

    @Test(arguments: FuzzTests.fixtures)
    func fixturesDecodeAsTheDecodablePathDoes(name: String) throws {
        let set = try parseResponse(name).resultSet
        for options in [RecordDecodingOptions(), RecordDecodingOptions(keyDecodingStrategy: .convertFromSnakeCase)] {
            let order = set.outcomes(Order.self, options: options)
            #expect(order.record == order.decodable)
            let event = set.outcomes(Event.self, options: options)
            #expect(event.record == event.decodable)
        }
    }

    /// ResultSet.decode takes init(record:); single rows keep init(from:).
    @Test func resultSetsUseTheCursorAndRowsTheDecoder() throws {
        struct Marked: RecordDecodable, Equatable {
            var path: String
            static let recordKeys = ["a"]
            init(record: inout RecordCursor) throws(DataAPIError) { path = "record " + (try record.decode(String.self)) }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: RecordKey.self)
                path = "decoder " + (try container.decode(String.self, forKey: RecordKey(stringValue: "a")))
            }
        }
        let set = try ResultSet(columns: [ColumnMetadata(label: "a")], records: [[.string("x")], [.long(2)]])
        #expect(try set.decode(Marked.self).map(\.path) == ["record x", "record 2"])
        #expect(try set.rows[1].decode(Marked.self).path == "decoder 2")
    }

    /// A nested value's own error names the record type, row, column and path, as on the Decodable path.
    @Test func nestedErrorsNameTheRecordType() throws {
        let set = try ResultSet(
            columns: [ColumnMetadata(label: "id"), ColumnMetadata(label: "seq"), ColumnMetadata(typeName: "jsonb", label: "payload"),
                ColumnMetadata(label: "occurred_at")],
            records: [[.string("E621E1F8-C36C-495A-93FC-0C247A3E6E5F"), .long(1), .string("{\"kind\":\"a\",\"x\":\"no\",\"y\":1}"),
                .string("2024-01-01")]])
        let outcome = set.outcomes(Event.self, options: .init())
        #expect(outcome.record == outcome.decodable)
        #expect(outcome.record.contains("row 0, column 2 'payload' (jsonb)"), "\(outcome.record)")
    }
}
