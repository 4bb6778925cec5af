#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The keyed container of a row: each key is a column label (see ``RowDecoder``).
struct RowKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: RowDecoder
    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] {
        decoder.columnsByKey.compactMap { $0.value >= 0 ? Key(stringValue: $0.key) : nil }
    }

    func contains(_ key: Key) -> Bool { decoder.lookup(key.stringValue) != RowDecoder.missingColumn }

    func decodeNil(forKey key: Key) throws -> Bool {
        decoder.cell(try decoder.requireColumn(key.stringValue)).kind == .null
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.scalar(key.stringValue, type) { $0.bool() } }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.string(key.stringValue) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder.scalar(key.stringValue, type) { $0.double() } }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decoder.scalar(key.stringValue, type) { $0.float() } }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.scalar(key.stringValue, type) { $0.integer() } }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.scalar(key.stringValue, type) { $0.integer() } }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.scalar(key.stringValue, type) { $0.integer() } }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder.scalar(key.stringValue, type) { $0.integer() } }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder.scalar(key.stringValue, type) { $0.integer() } }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder.scalar(key.stringValue, type) { $0.integer() } }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.scalar(key.stringValue, type) { $0.integer() } }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder.scalar(key.stringValue, type) { $0.integer() } }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder.scalar(key.stringValue, type) { $0.integer() } }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder.scalar(key.stringValue, type) { $0.integer() } }

    /// Decimal and Date, the common non-primitive column types, are converted without run-time generic dispatch
    /// (which would look up generic metadata for every value).
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        if type == Decimal.self {
            return RowDecoder.identity(try decoder.scalar(key.stringValue, Decimal.self) { $0.decimal() }, as: type)
        }
        if type == Date.self {
            return RowDecoder.identity(try decoder.scalar(key.stringValue, Date.self) { $0.date() }, as: type)
        }
        return try decoder.value(type, column: try decoder.requireColumn(key.stringValue), path: [key])
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try decoder.scalarIfPresent(key.stringValue, type) { $0.bool() }
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try decoder.stringIfPresent(key.stringValue)
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try decoder.scalarIfPresent(key.stringValue, type) { $0.double() }
    }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try decoder.scalarIfPresent(key.stringValue, type) { $0.float() }
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try decoder.scalarIfPresent(key.stringValue, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
        try decoder.scalarIfPresent(key.stringValue, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        try decoder.scalarIfPresent(key.stringValue, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try decoder.scalarIfPresent(key.stringValue, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try decoder.scalarIfPresent(key.stringValue, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
        try decoder.scalarIfPresent(key.stringValue, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        try decoder.scalarIfPresent(key.stringValue, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        try decoder.scalarIfPresent(key.stringValue, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        try decoder.scalarIfPresent(key.stringValue, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try decoder.scalarIfPresent(key.stringValue, type) { $0.integer() }
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        if type == Decimal.self {
            guard let value = try decoder.scalarIfPresent(key.stringValue, Decimal.self, { $0.decimal() }) else { return nil }
            return RowDecoder.identity(value, as: type)
        }
        if type == Date.self {
            guard let value = try decoder.scalarIfPresent(key.stringValue, Date.self, { $0.date() }) else { return nil }
            return RowDecoder.identity(value, as: type)
        }
        let column = decoder.lookup(key.stringValue)
        if column == RowDecoder.missingColumn { return nil }
        guard column >= 0 else { throw decoder.columnError(key.stringValue, column) }
        if decoder.cell(column).kind == .null { return nil }
        return try decoder.value(type, column: column, path: [key])
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try nodeDecoder(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try nodeDecoder(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder { try nodeDecoder(key) }

    private func nodeDecoder(_ key: Key) throws -> JSONNodeDecoder {
        let column = try decoder.requireColumn(key.stringValue)
        return JSONNodeDecoder(
            node: try decoder.node(decoder.cell(column)), codingPath: [key], context: decoder.context(column: column))
    }
}
