import AuroraDataAPIModel

/// How the table and expanded formats show values. `exec` keeps ``plain`` (its output is parsed by scripts); the
/// shell uses ``distinct(null:)``, where every kind of value looks like itself:
/// - SQL NULL is `∅` (psql's `\pset null '∅'`, changed with `\pset null TEXT`), so the string `'NULL'` stays `NULL`;
/// - numbers are right-aligned (header included), so a float NaN stands apart from the text `'NaN'`;
/// - blobs are `\x` and hex, as PostgreSQL writes bytea; past 32 bytes cut with `… (N bytes)`;
/// - JSON columns (json, jsonb, MySQL JSON) are compact: no whitespace outside strings.
struct TableCells: Sendable {
    var null: String
    var distinct: Bool

    static let plain = TableCells(null: "NULL", distinct: false)
    static func distinct(null: String) -> TableCells { TableCells(null: null, distinct: true) }

    /// Blobs longer than this are cut in tables.
    static let blobBytesShown = 32

    func text(_ field: Field, column: ColumnMetadata?) -> String {
        guard distinct else { return ResultFormatter.text(field) ?? null }
        switch field {
        case .null: return null
        case .blob(let bytes): return Self.hex(bytes)
        case .string(let value) where Self.isJSON(column): return Self.compactJSON(value)
        default: return ResultFormatter.text(field) ?? null
        }
    }

    /// Numbers are right-aligned: by the column's type, else by the first non-null value.
    func rightAligned(_ column: ColumnMetadata?, values: [Field]) -> Bool {
        guard distinct else { return false }
        if let type = column?.type, type != 0 {
            return [JDBCType.tinyint, JDBCType.smallint, JDBCType.integer, JDBCType.bigint, JDBCType.float,
                    JDBCType.real, JDBCType.double, JDBCType.numeric, JDBCType.decimal].contains(type)
        }
        switch values.first(where: { $0 != .null }) {
        case .long, .double: return true
        default: return false
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var text = "\\x"
        for byte in bytes.prefix(blobBytesShown) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return bytes.count > blobBytesShown ? text + "… (\(bytes.count) bytes)" : text
    }

    static func isJSON(_ column: ColumnMetadata?) -> Bool {
        guard let name = column?.typeName?.lowercased() else { return false }
        return name == "json" || name == "jsonb"
    }

    /// The JSON text without the whitespace between tokens; strings are kept as they are.
    static func compactJSON(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var inString = false
        var escaped = false
        for character in text {
            if inString {
                result.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
                result.append(character)
            } else if !character.isWhitespace {
                result.append(character)
            }
        }
        return result
    }
}
