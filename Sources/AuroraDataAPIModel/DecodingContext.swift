/// Where a value being decoded sits (row, column, path below the column) and the options in force; builds the
/// `.decodingFailed` errors, which always name the row and column.
struct DecodingContext {
    let options: RecordDecodingOptions
    let row: Int
    let column: Int?
    let label: String?
    let typeName: String?

    func location(_ path: [any CodingKey]) -> String {
        var text = "row \(row)"
        if let column { text += ", column \(column)" }
        if let label { text += " '\(label)'" }
        if let typeName, !typeName.isEmpty { text += " (\(typeName))" }
        if !path.isEmpty {
            text += ", at "
            for key in path {
                if let index = key.intValue { text += "[\(index)]" } else { text += ".\(key.stringValue)" }
            }
        }
        return text
    }

    /// The value found cannot become `type`.
    func mismatch(_ type: Any.Type, found: String, path: [any CodingKey]) -> DataAPIError {
        var message = "Cannot decode \(location(path)) as \(type): found \(found)."
        if found == "NULL" {
            message += " Declare the property Optional (\(type)?) to accept NULL."
        } else if ["doubleValue NaN", "doubleValue Infinity", "doubleValue -Infinity"].contains(found) {
            message += " NaN and the infinities fit only Double and Float properties."
        } else if found.hasPrefix("longValue") || (found.hasPrefix("stringValue") && type != String.self) {
            message += " The value does not fit \(type) or has another type; pick a matching property type."
        }
        return DataAPIError(code: .decodingFailed, message: message)
    }

    /// A key the value does not have.
    func missing(_ key: any CodingKey, available: [String], path: [any CodingKey]) -> DataAPIError {
        let list = available.sorted().joined(separator: ", ")
        return DataAPIError(
            code: .decodingFailed,
            message: "Cannot decode \(location(path)): no member '\(key.stringValue)' (members: \(list)). Make the property Optional or check the key decoding strategy.")
    }
}
