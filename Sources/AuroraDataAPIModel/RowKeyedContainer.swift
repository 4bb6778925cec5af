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

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try scalar(key, type) { $0.bool() } }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.string(column: decoder.lookup(key.stringValue), key: key.stringValue) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try scalar(key, type) { $0.double() } }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try scalar(key, type) { $0.float() } }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try scalar(key, type) { $0.integer() } }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try scalar(key, type) { $0.integer() } }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try scalar(key, type) { $0.integer() } }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try scalar(key, type) { $0.integer() } }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try scalar(key, type) { $0.integer() } }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try scalar(key, type) { $0.integer() } }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try scalar(key, type) { $0.integer() } }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try scalar(key, type) { $0.integer() } }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try scalar(key, type) { $0.integer() } }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try scalar(key, type) { $0.integer() } }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.property(type, column: decoder.lookup(key.stringValue), key: key)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try scalarIfPresent(key, type) { $0.bool() }
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try decoder.stringIfPresent(column: decoder.lookup(key.stringValue), key: key.stringValue)
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try scalarIfPresent(key, type) { $0.double() }
    }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try scalarIfPresent(key, type) { $0.float() }
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try scalarIfPresent(key, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
        try scalarIfPresent(key, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        try scalarIfPresent(key, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try scalarIfPresent(key, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try scalarIfPresent(key, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
        try scalarIfPresent(key, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        try scalarIfPresent(key, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        try scalarIfPresent(key, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        try scalarIfPresent(key, type) { $0.integer() }
    }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try scalarIfPresent(key, type) { $0.integer() }
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try decoder.propertyIfPresent(type, column: decoder.lookup(key.stringValue), key: key)
    }

    @inline(__always)
    private func scalar<T>(_ key: Key, _ type: T.Type, _ convert: (Scalar) -> T?) throws(DataAPIError) -> T {
        try decoder.scalar(column: decoder.lookup(key.stringValue), key: key.stringValue, type, convert)
    }

    @inline(__always)
    private func scalarIfPresent<T>(_ key: Key, _ type: T.Type, _ convert: (Scalar) -> T?) throws(DataAPIError) -> T? {
        try decoder.scalarIfPresent(column: decoder.lookup(key.stringValue), key: key.stringValue, type, convert)
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
