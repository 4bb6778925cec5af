#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPI
import AuroraDataAPIModel
import ArgumentParser

/// One `--param name=[type:]value` of `aurora-data exec`, parsed into the `SqlParameter` it sends.
///
/// Types: `int:`, `double:`, `bool:`, `date:`, `time:`, `timestamp:`, `decimal:`, `json:`, `uuid:`, `blob:` (base64),
/// `string:`, and the bare word `null`. Text without a known type prefix is a string, so `--param url=http://x` works;
/// write `string:int:5` to send the text `int:5`.
/// Type hints follow https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html
struct ExecParameter: Sendable, Hashable {
    var parameter: SqlParameter

    /// The names accepted before the first `:` of a value.
    static let typeNames = ["int", "double", "bool", "date", "time", "timestamp", "decimal", "json", "uuid", "blob", "string"]

    /// Parses `name=value`.
    /// - Throws: `ValidationError` (exit code 64) naming the parameter and what was wrong.
    init(argument: String) throws(ValidationError) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw ValidationError("--param \(argument): expected name=value, e.g. --param id=int:5")
        }
        let name = String(argument[..<equals])
        let text = String(argument[argument.index(after: equals)...])
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw ValidationError("--param \(argument): the name must be letters, digits and _ (used as :name in the SQL)")
        }
        parameter = SqlParameter(name: name, value: .null)
        let value = try Self.value(of: text, name: name)
        parameter.value = value.field
        parameter.typeHint = value.typeHint
    }

    private static func value(of text: String, name: String) throws(ValidationError) -> DataAPIValue {
        if text == "null" { return DataAPIValue(.null) }
        guard let colon = text.firstIndex(of: ":"), typeNames.contains(String(text[..<colon])) else {
            return DataAPIValue(.string(text))
        }
        let type = String(text[..<colon])
        let raw = String(text[text.index(after: colon)...])
        func invalid(_ expected: String) -> ValidationError {
            ValidationError("--param \(name)=\(text): \(expected)")
        }
        switch type {
        case "int":
            guard let value = Int64(raw) else { throw invalid("expected a 64-bit integer after int:") }
            return DataAPIValue(.long(value))
        case "double":
            guard let value = Double(raw) else { throw invalid("expected a number, NaN, Infinity or -Infinity after double:") }
            return DataAPIValue(.double(value))
        case "bool":
            switch raw.lowercased() {
            case "true", "1": return DataAPIValue(.bool(true))
            case "false", "0": return DataAPIValue(.bool(false))
            default: throw invalid("expected true or false after bool:")
            }
        case "date":
            guard DataAPIDateTime.parseDate(raw) != nil else { throw invalid("expected YYYY-MM-DD after date:") }
            return DataAPIValue(.string(raw), typeHint: .date)
        case "time":
            guard let time = DataAPIDateTime.parseTime(raw) else { throw invalid("expected HH:MM:SS[.ffffff] after time:") }
            return try orUsageError(time.dataAPIValue(), invalid)
        case "timestamp":
            guard let date = DataAPIDateTime.parseTimestamp(raw) else {
                throw invalid("expected YYYY-MM-DD HH:MM:SS[.ffffff] (UTC, or with Z/±HH:MM) after timestamp:")
            }
            return try orUsageError(date.dataAPIValue(), invalid)
        case "decimal":
            guard isDecimalText(raw) else { throw invalid("expected a decimal number such as -12.50 after decimal:") }
            return DataAPIValue(.string(raw), typeHint: .decimal)
        case "json":
            return DataAPIValue(.string(raw), typeHint: .json)
        case "uuid":
            guard let uuid = UUID(uuidString: raw) else { throw invalid("expected a UUID such as 123e4567-e89b-12d3-a456-426614174000 after uuid:") }
            return try orUsageError(uuid.dataAPIValue(), invalid)
        case "blob":
            guard let data = Data(base64Encoded: raw) else { throw invalid("expected base64 after blob:") }
            return DataAPIValue(.blob([UInt8](data)))
        default:
            return DataAPIValue(.string(raw))
        }
    }

    /// `[+-]digits[.digits]`, or `[+-].digits`.
    private static func isDecimalText(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.contains(where: { !$0.isEmpty }) else { return false }
        return parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    private static func orUsageError(
        _ value: @autoclosure () throws(DataAPIError) -> DataAPIValue, _ invalid: (String) -> ValidationError
    ) throws(ValidationError) -> DataAPIValue {
        do {
            return try value()
        } catch {
            throw invalid(error.message)
        }
    }
}

