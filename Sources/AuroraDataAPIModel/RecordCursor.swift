#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The columns of one row, read property by property by a ``RecordDecodable`` type: each `decode` call reads the
/// column of the next key of ``RecordDecodable/recordKeys``. The overloads for the common column types convert
/// directly; any other Decodable type goes through the same conversion as the `Decodable` path.
public struct RecordCursor {
    let decoder: RowDecoder
    /// The type being decoded, for error messages.
    let recordType: Any.Type
    let keys: [String]
    /// The column of each key: >= 0, ``RowDecoder/missingColumn`` or ``RowDecoder/ambiguousColumn``.
    let columns: [Int]
    /// The key the next `decode` call reads.
    var position = 0

    /// Matches `keys` to columns by the decoder's labels and key strategy.
    init(decoder: RowDecoder, recordType: Any.Type, keys: [String]) {
        self.decoder = decoder
        self.recordType = recordType
        self.keys = keys
        self.columns = keys.map { decoder.columnsByKey[$0] ?? RowDecoder.missingColumn }
    }

    /// The column of the next key, moving past it.
    @inline(__always)
    private mutating func next() -> (column: Int, key: Int) {
        precondition(position < columns.count, "\(recordType).init(record:) reads more values than recordKeys lists")
        defer { position += 1 }
        return (columns[position], position)
    }

    @inline(__always)
    private mutating func scalar<T>(_ type: T.Type, _ convert: (Scalar) -> T?) throws(DataAPIError) -> T {
        let (column, key) = next()
        return try decoder.scalar(column: column, key: keys[key], type, convert)
    }

    @inline(__always)
    private mutating func scalarIfPresent<T>(_ type: T.Type, _ convert: (Scalar) -> T?) throws(DataAPIError) -> T? {
        let (column, key) = next()
        return try decoder.scalarIfPresent(column: column, key: keys[key], type, convert)
    }

    private mutating func property<T: Decodable>(_ type: T.Type) throws(DataAPIError) -> T {
        let (column, key) = next()
        return try decoder.translatingErrors(recordType) { () throws in
            try decoder.property(type, column: column, key: RecordKey(stringValue: keys[key]))
        }
    }

    private mutating func propertyIfPresent<T: Decodable>(_ type: T.Type) throws(DataAPIError) -> T? {
        let (column, key) = next()
        return try decoder.translatingErrors(recordType) { () throws in
            try decoder.propertyIfPresent(type, column: column, key: RecordKey(stringValue: keys[key]))
        }
    }

    // MARK: - Text, numbers, booleans

    /// Reads the next key's column as `String`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: String.Type) throws(DataAPIError) -> String {
        let (column, key) = next()
        return try decoder.string(column: column, key: keys[key])
    }
    /// Reads the next key's column as `String?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: String?.Type) throws(DataAPIError) -> String? {
        let (column, key) = next()
        return try decoder.stringIfPresent(column: column, key: keys[key])
    }
    /// Reads the next key's column as `Bool`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: Bool.Type) throws(DataAPIError) -> Bool { try scalar(type) { $0.bool() } }
    /// Reads the next key's column as `Bool?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: Bool?.Type) throws(DataAPIError) -> Bool? { try scalarIfPresent(Bool.self) { $0.bool() } }
    /// Reads the next key's column as `Double`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: Double.Type) throws(DataAPIError) -> Double { try scalar(type) { $0.double() } }
    /// Reads the next key's column as `Double?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: Double?.Type) throws(DataAPIError) -> Double? { try scalarIfPresent(Double.self) { $0.double() } }
    /// Reads the next key's column as `Float`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: Float.Type) throws(DataAPIError) -> Float { try scalar(type) { $0.float() } }
    /// Reads the next key's column as `Float?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: Float?.Type) throws(DataAPIError) -> Float? { try scalarIfPresent(Float.self) { $0.float() } }
    /// Reads the next key's column as `Decimal`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: Decimal.Type) throws(DataAPIError) -> Decimal { try scalar(type) { $0.decimal() } }
    /// Reads the next key's column as `Decimal?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: Decimal?.Type) throws(DataAPIError) -> Decimal? { try scalarIfPresent(Decimal.self) { $0.decimal() } }
    /// Reads the next key's column as `Date`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: Date.Type) throws(DataAPIError) -> Date { try scalar(type) { $0.date() } }
    /// Reads the next key's column as `Date?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: Date?.Type) throws(DataAPIError) -> Date? { try scalarIfPresent(Date.self) { $0.date() } }

    // MARK: - Integers

    /// Reads the next key's column as `Int`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: Int.Type) throws(DataAPIError) -> Int { try scalar(type) { $0.integer() } }
    /// Reads the next key's column as `Int?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: Int?.Type) throws(DataAPIError) -> Int? { try scalarIfPresent(Int.self) { $0.integer() } }
    /// Reads the next key's column as `Int8`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: Int8.Type) throws(DataAPIError) -> Int8 { try scalar(type) { $0.integer() } }
    /// Reads the next key's column as `Int8?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: Int8?.Type) throws(DataAPIError) -> Int8? { try scalarIfPresent(Int8.self) { $0.integer() } }
    /// Reads the next key's column as `Int16`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: Int16.Type) throws(DataAPIError) -> Int16 { try scalar(type) { $0.integer() } }
    /// Reads the next key's column as `Int16?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: Int16?.Type) throws(DataAPIError) -> Int16? { try scalarIfPresent(Int16.self) { $0.integer() } }
    /// Reads the next key's column as `Int32`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: Int32.Type) throws(DataAPIError) -> Int32 { try scalar(type) { $0.integer() } }
    /// Reads the next key's column as `Int32?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: Int32?.Type) throws(DataAPIError) -> Int32? { try scalarIfPresent(Int32.self) { $0.integer() } }
    /// Reads the next key's column as `Int64`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: Int64.Type) throws(DataAPIError) -> Int64 { try scalar(type) { $0.integer() } }
    /// Reads the next key's column as `Int64?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: Int64?.Type) throws(DataAPIError) -> Int64? { try scalarIfPresent(Int64.self) { $0.integer() } }
    /// Reads the next key's column as `UInt`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: UInt.Type) throws(DataAPIError) -> UInt { try scalar(type) { $0.integer() } }
    /// Reads the next key's column as `UInt?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: UInt?.Type) throws(DataAPIError) -> UInt? { try scalarIfPresent(UInt.self) { $0.integer() } }
    /// Reads the next key's column as `UInt8`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: UInt8.Type) throws(DataAPIError) -> UInt8 { try scalar(type) { $0.integer() } }
    /// Reads the next key's column as `UInt8?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: UInt8?.Type) throws(DataAPIError) -> UInt8? { try scalarIfPresent(UInt8.self) { $0.integer() } }
    /// Reads the next key's column as `UInt16`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: UInt16.Type) throws(DataAPIError) -> UInt16 { try scalar(type) { $0.integer() } }
    /// Reads the next key's column as `UInt16?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: UInt16?.Type) throws(DataAPIError) -> UInt16? { try scalarIfPresent(UInt16.self) { $0.integer() } }
    /// Reads the next key's column as `UInt32`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: UInt32.Type) throws(DataAPIError) -> UInt32 { try scalar(type) { $0.integer() } }
    /// Reads the next key's column as `UInt32?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: UInt32?.Type) throws(DataAPIError) -> UInt32? { try scalarIfPresent(UInt32.self) { $0.integer() } }
    /// Reads the next key's column as `UInt64`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: UInt64.Type) throws(DataAPIError) -> UInt64 { try scalar(type) { $0.integer() } }
    /// Reads the next key's column as `UInt64?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: UInt64?.Type) throws(DataAPIError) -> UInt64? { try scalarIfPresent(UInt64.self) { $0.integer() } }

    // MARK: - Bytes, UUID, TIME and any other Decodable type

    /// Reads the next key's column as `Data`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: Data.Type) throws(DataAPIError) -> Data { try property(type) }
    /// Reads the next key's column as `Data?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: Data?.Type) throws(DataAPIError) -> Data? { try propertyIfPresent(Data.self) }
    /// Reads the next key's column as `[UInt8]`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: [UInt8].Type) throws(DataAPIError) -> [UInt8] { try property(type) }
    /// Reads the next key's column as `[UInt8]?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: [UInt8]?.Type) throws(DataAPIError) -> [UInt8]? { try propertyIfPresent([UInt8].self) }
    /// Reads the next key's column as `UUID`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: UUID.Type) throws(DataAPIError) -> UUID { try property(type) }
    /// Reads the next key's column as `UUID?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: UUID?.Type) throws(DataAPIError) -> UUID? { try propertyIfPresent(UUID.self) }
    /// Reads the next key's column as `DataAPITime`; NULL or a missing column is a `decodingFailed` error.
    public mutating func decode(_ type: DataAPITime.Type) throws(DataAPIError) -> DataAPITime { try property(type) }
    /// Reads the next key's column as `DataAPITime?`: `nil` for NULL or a missing column.
    public mutating func decode(_ type: DataAPITime?.Type) throws(DataAPIError) -> DataAPITime? {
        try propertyIfPresent(DataAPITime.self)
    }

    /// Any other Decodable property (arrays, JSON column content, enums with raw values), as the `Decodable` path
    /// decodes it.
    public mutating func decode<T: Decodable>(_ type: T.Type) throws(DataAPIError) -> T { try property(type) }

    /// Any other Optional property: nil for a missing column or NULL.
    public mutating func decode<T: Decodable>(_ type: T?.Type) throws(DataAPIError) -> T? { try propertyIfPresent(T.self) }
}

/// A property's key in the coding path of a nested value's errors.
struct RecordKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
