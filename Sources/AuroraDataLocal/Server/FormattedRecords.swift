#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPIModel

/// `formatRecordsAs: JSON`: the result set as one JSON text, an array of objects keyed by column label in
/// column order. Values keep the JSON type of their `Field` (the database layer has already applied
/// `resultSetOptions`): longs and doubles are numbers, booleans booleans, text strings, blobs base64 strings,
/// arrays arrays, NULL null. ("Processing query results in JSON format",
/// https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api-json.html)
enum FormattedRecords {
    static func json(records: [[Field]], columns: [ColumnMetadata]) throws(DataAPIError) -> String {
        let labels = columns.map { $0.label ?? $0.name ?? "" }
        var seen = Set<String>()
        for label in labels where !seen.insert(label).inserted {
            throw DataAPIError(
                code: .unsupportedResult,
                message: "The result set has more than one column labelled \"\(label)\", which formatRecordsAs JSON "
                    + "cannot represent. Give each column a unique alias (AS name)."
            )
        }
        let keys = labels.map(quoted)
        var out = "["
        for (rowIndex, row) in records.enumerated() {
            if rowIndex > 0 { out += "," }
            out += "{"
            for (index, field) in row.enumerated() where index < keys.count {
                if index > 0 { out += "," }
                out += keys[index]
                out += ":"
                append(field, to: &out)
            }
            out += "}"
        }
        out += "]"
        return out
    }

    private static func append(_ field: Field, to out: inout String) {
        switch field {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .long(let value): out += String(value)
        case .double(let value): out += number(value)
        case .string(let value): out += quoted(value)
        case .blob(let bytes): out += quoted(Data(bytes).base64EncodedString())
        case .array(let array): append(array, to: &out)
        }
    }

    private static func append(_ array: ArrayValue, to out: inout String) {
        let items: [String]
        switch array {
        case .booleans(let values): items = values.map { $0.map { $0 ? "true" : "false" } ?? "null" }
        case .longs(let values): items = values.map { $0.map { String($0) } ?? "null" }
        case .doubles(let values): items = values.map { $0.map(number) ?? "null" }
        case .strings(let values): items = values.map { $0.map(quoted) ?? "null" }
        case .arrays(let values):
            items = values.map { value in
                var text = ""
                append(value, to: &text)
                return text
            }
        }
        out += "[" + items.joined(separator: ",") + "]"
    }

    /// JSON has no NaN or infinity: those travel as strings.
    private static func number(_ value: Double) -> String {
        value.isFinite ? String(value) : quoted(String(value))
    }

    /// A JSON string literal (RFC 8259 section 7).
    static func quoted(_ text: String) -> String {
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
}
