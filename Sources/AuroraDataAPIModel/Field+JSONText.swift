#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON form of result values, as the Data API writes them for `formatRecordsAs: JSON`: longs and doubles
/// are numbers, booleans booleans, text (DECIMAL included) strings, blobs base64 strings, arrays arrays,
/// NULL null. JSON has no NaN or infinity: those travel as strings.
/// ("Processing query results in JSON format", https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api-json.html)
extension Field {
    /// The value as JSON text, as the Data API writes it in `formattedRecords`.
    public var jsonText: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .long(let value): return String(value)
        case .double(let value): return JSONText.number(value)
        case .string(let value): return JSONText.quoted(value)
        case .blob(let bytes): return JSONText.quoted(Data(bytes).base64EncodedString())
        case .array(let array): return array.jsonText
        }
    }
}

extension ArrayValue {
    /// The array as JSON text, NULL elements as `null`.
    public var jsonText: String {
        let items: [String]
        switch self {
        case .booleans(let values): items = values.map { $0.map { $0 ? "true" : "false" } ?? "null" }
        case .longs(let values): items = values.map { $0.map { String($0) } ?? "null" }
        case .doubles(let values): items = values.map { $0.map(JSONText.number) ?? "null" }
        case .strings(let values): items = values.map { $0.map(JSONText.quoted) ?? "null" }
        case .arrays(let values): items = values.map(\.jsonText)
        }
        return "[" + items.joined(separator: ",") + "]"
    }
}

/// JSON text writing helpers.
public enum JSONText {
    /// A JSON string literal (RFC 8259 section 7).
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON number, or for NaN and the infinities the string the Data API uses (`"NaN"`, `"Infinity"`,
    /// `"-Infinity"`; see ``DataAPIJSONCoding``).
    public static func number(_ value: Double) -> String {
        value.isFinite ? String(value) : quoted(nonFiniteText(value))
    }

    /// `NaN`, `Infinity` or `-Infinity` for a non-finite value (Swift's own text is `nan` and `inf`).
    public static func nonFiniteText(_ value: Double) -> String {
        value.isNaN ? "NaN" : value < 0 ? "-Infinity" : "Infinity"
    }
}
