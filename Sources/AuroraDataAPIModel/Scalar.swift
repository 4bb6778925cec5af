#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One value about to become a Swift value, wherever it came from (a record cell, an array element, a node of
/// JSON column text). Text is borrowed UTF-8; all type conversions of the module live here, so every path
/// (records, `formattedRecords`, nested JSON) converts the same way.
///
/// Conversions follow the Data API's encodings (https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_Field.html):
/// DECIMAL as text, timestamps/dates as text, booleans as `booleanValue` or 0/1, BIGINT with `longReturnType: STRING`
/// as text, blobs as bytes or base64 text.
enum Scalar {
    case null
    case bool(Bool)
    /// JSON integer text, possibly beyond Int64.
    case integer(UnsafeBufferPointer<UInt8>)
    /// JSON number text with a fraction or exponent.
    case number(UnsafeBufferPointer<UInt8>)
    /// Unescaped UTF-8.
    case string(UnsafeBufferPointer<UInt8>)
    case blob([UInt8])
    case array(ArrayValue)
    /// Raw JSON text of an object or array.
    case json(UnsafeBufferPointer<UInt8>)
    /// A parsed JSON array or object (no scalar conversion applies).
    case structure

    /// What the value is, for error messages ("NULL", "longValue 42", "stringValue \"abc\"").
    var description: String {
        switch self {
        case .null: return "NULL"
        case .bool(let value): return "booleanValue \(value)"
        case .integer(let text): return "longValue \(Self.excerpt(text))"
        case .number(let text): return "doubleValue \(Self.excerpt(text))"
        case .string(let text): return "stringValue \"\(Self.excerpt(text))\""
        case .blob(let bytes): return "blobValue of \(bytes.count) bytes"
        case .array: return "arrayValue"
        case .json(let text): return "JSON \(Self.excerpt(text))"
        case .structure: return "a JSON array or object"
        }
    }

    private static func excerpt(_ text: UnsafeBufferPointer<UInt8>) -> String {
        let limit = 40
        if text.count <= limit { return String(decoding: text, as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(rebasing: text[..<limit]), as: UTF8.self) + "…"
    }

    // MARK: - Conversions (nil: this value cannot become that type)

    func bool() -> Bool? {
        switch self {
        case .bool(let value): return value
        case .integer(let text):
            // MySQL TINYINT(1) read with longValue.
            switch NumberText.integer(bytes: text, as: Int64.self) {
            case 0: return false
            case 1: return true
            default: return nil
            }
        default: return nil
        }
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type = I.self) -> I? {
        switch self {
        case .integer(let text), .string(let text): return NumberText.integer(bytes: text, as: I.self)
        default: return nil
        }
    }

    func double() -> Double? {
        switch self {
        case .integer(let text), .number(let text), .string(let text): return NumberText.double(bytes: text)
        default: return nil
        }
    }

    func float() -> Float? {
        guard let value = double() else { return nil }
        let narrowed = Float(value)
        return narrowed.isInfinite && value.isFinite ? nil : narrowed
    }

    func string() -> String? {
        switch self {
        case .string(let text), .integer(let text), .number(let text), .json(let text):
            return String(decoding: text, as: UTF8.self)
        default: return nil
        }
    }

    func decimal() -> Decimal? {
        switch self {
        case .integer(let text), .number(let text), .string(let text): return NumberText.decimal(bytes: text)
        default: return nil
        }
    }

    /// A TIMESTAMP, or a DATE at midnight UTC.
    func date() -> Date? {
        guard case .string(let text) = self else { return nil }
        return DataAPIDateTime.parseTimestamp(bytes: text) ?? DataAPIDateTime.parseDate(bytes: text)
    }

    func uuid() -> UUID? {
        guard case .string(let text) = self, text.count == 36 else { return nil }
        return UUID(uuidString: String(decoding: text, as: UTF8.self))
    }

    /// A blob, or base64 text (blobs in `formattedRecords` and JSON).
    func bytes() -> [UInt8]? {
        switch self {
        case .blob(let bytes): return bytes
        case .string(let text): return Base64.decode(bytes: text)
        default: return nil
        }
    }

    // MARK: - Generic dispatch

    /// The result of converting to a type chosen at run time.
    enum Conversion<T> {
        /// `T` is not a scalar type (decode it through its own `init(from:)`).
        case notScalar
        case failed
        case value(T)
    }

    /// Converts to `T` when `T` is a type this module reads from a single Data API value: the standard scalar types
    /// plus `Decimal`, `Date`, `UUID`, and `Data`/`[UInt8]` from a blob or base64 text.
    func convert<T>(to type: T.Type) -> Conversion<T> {
        func result<V>(_ value: V?) -> Conversion<T> {
            guard let value else { return .failed }
            guard let typed = value as? T else { return .failed }
            return .value(typed)
        }
        // Metatype comparisons are pointer compares; the common column types come first.
        if type == String.self { return result(string()) }
        if type == Int.self { return result(integer(Int.self)) }
        if type == Int64.self { return result(integer(Int64.self)) }
        if type == Double.self { return result(double()) }
        if type == Bool.self { return result(bool()) }
        if type == Decimal.self { return result(decimal()) }
        if type == Date.self { return result(date()) }
        if type == Int32.self { return result(integer(Int32.self)) }
        if type == UInt64.self { return result(integer(UInt64.self)) }
        if type == Float.self { return result(float()) }
        if type == UUID.self { return result(uuid()) }
        if type == Int16.self { return result(integer(Int16.self)) }
        if type == Int8.self { return result(integer(Int8.self)) }
        if type == UInt.self { return result(integer(UInt.self)) }
        if type == UInt32.self { return result(integer(UInt32.self)) }
        if type == UInt16.self { return result(integer(UInt16.self)) }
        if type == UInt8.self { return result(integer(UInt8.self)) }
        if type == Data.self || type == [UInt8].self {
            switch self {
            case .blob, .string:
                let bytes = bytes()
                return type == Data.self ? result(bytes.map { Data($0) }) : result(bytes)
            default: return .notScalar
            }
        }
        return .notScalar
    }
}
