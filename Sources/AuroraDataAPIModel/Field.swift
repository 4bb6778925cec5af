#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One value of the Data API's `Field` union: exactly one member is set on the wire.
///
/// Implements the `Field` shape of the RDS Data API reference
/// (https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_Field.html).
/// Blobs travel as base64 in JSON; `Field.blob` holds the decoded bytes.
public enum Field: Sendable, Hashable {
    /// SQL NULL (`{"isNull": true}`).
    case null
    /// `booleanValue`.
    case bool(Bool)
    /// `longValue`: every integer type (BIGINT UNSIGNED beyond `Int64` comes as a string).
    case long(Int64)
    /// `doubleValue`; NaN and the infinities travel as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
    case double(Double)
    /// Also carries DECIMAL (by default), dates, times, JSON, UUID and other text forms.
    case string(String)
    /// `blobValue`, decoded from base64.
    case blob([UInt8])
    /// Results only: the service refuses array parameters.
    case array(ArrayValue)
}

/// The Data API's `ArrayValue` union: a one-dimensional array of nullable scalars, or an array of arrays.
///
/// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ArrayValue.html
public enum ArrayValue: Sendable, Hashable {
    /// `booleanValues`.
    case booleans([Bool?])
    /// `longValues`.
    case longs([Int64?])
    /// `doubleValues`.
    case doubles([Double?])
    /// `stringValues`.
    case strings([String?])
    /// `arrayValues`: a multi-dimensional array.
    case arrays([ArrayValue])
}

extension Field: Codable {
    enum CodingKeys: String, CodingKey {
        case isNull, booleanValue, longValue, doubleValue, stringValue, blobValue, arrayValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let present = container.allKeys.filter { key in
            // A member explicitly set to JSON null counts as absent.
            (try? container.decodeNil(forKey: key)) == false
        }
        guard present.count == 1, let key = present.first else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "A Field must have exactly one member set, found \(present.count)")
            )
        }
        switch key {
        case .isNull:
            _ = try container.decode(Bool.self, forKey: .isNull)
            self = .null
        case .booleanValue: self = .bool(try container.decode(Bool.self, forKey: key))
        case .longValue: self = .long(try container.decode(Int64.self, forKey: key))
        case .doubleValue: self = .double(try container.decode(Double.self, forKey: key))
        case .stringValue: self = .string(try container.decode(String.self, forKey: key))
        case .blobValue:
            let text = try container.decode(String.self, forKey: key)
            guard let data = Data(base64Encoded: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "blobValue is not valid base64")
            }
            self = .blob([UInt8](data))
        case .arrayValue: self = .array(try container.decode(ArrayValue.self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .null: try container.encode(true, forKey: .isNull)
        case .bool(let value): try container.encode(value, forKey: .booleanValue)
        case .long(let value): try container.encode(value, forKey: .longValue)
        case .double(let value): try container.encode(value, forKey: .doubleValue)
        case .string(let value): try container.encode(value, forKey: .stringValue)
        case .blob(let bytes): try container.encode(Data(bytes).base64EncodedString(), forKey: .blobValue)
        case .array(let value): try container.encode(value, forKey: .arrayValue)
        }
    }
}

extension ArrayValue: Codable {
    enum CodingKeys: String, CodingKey {
        case booleanValues, longValues, doubleValues, stringValues, arrayValues
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let present = container.allKeys.filter { (try? container.decodeNil(forKey: $0)) == false }
        guard present.count == 1, let key = present.first else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "An ArrayValue must have exactly one member set, found \(present.count)")
            )
        }
        switch key {
        case .booleanValues: self = .booleans(try container.decode([Bool?].self, forKey: key))
        case .longValues: self = .longs(try container.decode([Int64?].self, forKey: key))
        case .doubleValues: self = .doubles(try container.decode([Double?].self, forKey: key))
        case .stringValues: self = .strings(try container.decode([String?].self, forKey: key))
        case .arrayValues: self = .arrays(try container.decode([ArrayValue].self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .booleans(let values): try container.encode(values, forKey: .booleanValues)
        case .longs(let values): try container.encode(values, forKey: .longValues)
        case .doubles(let values): try container.encode(values, forKey: .doubleValues)
        case .strings(let values): try container.encode(values, forKey: .stringValues)
        case .arrays(let values): try container.encode(values, forKey: .arrayValues)
        }
    }
}
