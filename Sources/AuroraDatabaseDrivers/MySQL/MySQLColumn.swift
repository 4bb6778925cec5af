import AuroraDataAPIModel
import CMariaDB

/// One result column of a MySQL/MariaDB result: its metadata as the MySQL JDBC driver reports it and
/// how its values become `Field`s.
struct MySQLColumn: Sendable {
    enum Value: Sendable, Hashable {
        /// Bound as a 64-bit integer (unsigned when `isUnsigned`).
        case integer
        /// Bound as a double.
        case double
        /// FLOAT: read as text (the shortest form of the float) and parsed.
        case float
        case decimal
        /// TINYINT(1), BIT(1).
        case boolean
        case text
        /// DATE, TIME, DATETIME, TIMESTAMP: text with a trailing-zero-trimmed fraction.
        case temporal
        case blob
        case null
        case unsupported
    }

    var metadata: ColumnMetadata
    var value: Value
    var isUnsigned: Bool

    init(_ field: MYSQL_FIELD) {
        let flags = field.flags
        let unsigned = flags & UInt32(UNSIGNED_FLAG) != 0
        let binary = field.charsetnr == 63
        let length = Int64(field.length)
        let suffix = unsigned ? " UNSIGNED" : ""
        var jdbc: Int32
        var name: String
        var value: Value
        var signed = !unsigned
        var precision = Int32(clamping: length)
        var scale: Int32 = field.decimals < 31 ? Int32(field.decimals) : 0
        switch field.type {
        case MYSQL_TYPE_TINY where length == 1:
            (jdbc, name, value) = (JDBCType.bit, "BIT", .boolean)
        case MYSQL_TYPE_TINY: (jdbc, name, value) = (JDBCType.tinyint, "TINYINT" + suffix, .integer)
        case MYSQL_TYPE_SHORT: (jdbc, name, value) = (JDBCType.smallint, "SMALLINT" + suffix, .integer)
        case MYSQL_TYPE_INT24: (jdbc, name, value) = (JDBCType.integer, "MEDIUMINT" + suffix, .integer)
        case MYSQL_TYPE_LONG: (jdbc, name, value) = (JDBCType.integer, "INT" + suffix, .integer)
        case MYSQL_TYPE_LONGLONG: (jdbc, name, value) = (JDBCType.bigint, "BIGINT" + suffix, .integer)
        case MYSQL_TYPE_FLOAT: (jdbc, name, value) = (JDBCType.real, "FLOAT" + suffix, .float)
        case MYSQL_TYPE_DOUBLE: (jdbc, name, value) = (JDBCType.double, "DOUBLE" + suffix, .double)
        case MYSQL_TYPE_DECIMAL, MYSQL_TYPE_NEWDECIMAL:
            (jdbc, name, value) = (JDBCType.decimal, "DECIMAL" + suffix, .decimal)
            // The display width counts the sign and the decimal point.
            precision = Int32(clamping: length) - (unsigned ? 0 : 1) - (scale > 0 ? 1 : 0)
        case MYSQL_TYPE_YEAR:
            (jdbc, name, value) = (JDBCType.date, "YEAR", .text)
            signed = false
        case MYSQL_TYPE_DATE, MYSQL_TYPE_NEWDATE: (jdbc, name, value) = (JDBCType.date, "DATE", .temporal)
        case MYSQL_TYPE_TIME, MYSQL_TYPE_TIME2: (jdbc, name, value) = (JDBCType.time, "TIME", .temporal)
        case MYSQL_TYPE_DATETIME, MYSQL_TYPE_DATETIME2: (jdbc, name, value) = (JDBCType.timestamp, "DATETIME", .temporal)
        case MYSQL_TYPE_TIMESTAMP, MYSQL_TYPE_TIMESTAMP2: (jdbc, name, value) = (JDBCType.timestamp, "TIMESTAMP", .temporal)
        case MYSQL_TYPE_BIT where length == 1:
            (jdbc, name, value) = (JDBCType.bit, "BIT", .boolean)
        case MYSQL_TYPE_BIT: (jdbc, name, value) = (JDBCType.bit, "BIT", .blob)
        case MYSQL_TYPE_JSON: (jdbc, name, value) = (JDBCType.longvarchar, "JSON", .text)
        case MYSQL_TYPE_STRING where flags & UInt32(ENUM_FLAG) != 0: (jdbc, name, value) = (JDBCType.char, "ENUM", .text)
        case MYSQL_TYPE_STRING where flags & UInt32(SET_FLAG) != 0: (jdbc, name, value) = (JDBCType.char, "SET", .text)
        case MYSQL_TYPE_ENUM: (jdbc, name, value) = (JDBCType.char, "ENUM", .text)
        case MYSQL_TYPE_SET: (jdbc, name, value) = (JDBCType.char, "SET", .text)
        case MYSQL_TYPE_STRING:
            (jdbc, name, value) = binary ? (JDBCType.binary, "BINARY", .blob) : (JDBCType.char, "CHAR", .text)
        case MYSQL_TYPE_VARCHAR, MYSQL_TYPE_VAR_STRING:
            (jdbc, name, value) = binary ? (JDBCType.varbinary, "VARBINARY", .blob) : (JDBCType.varchar, "VARCHAR", .text)
        case MYSQL_TYPE_TINY_BLOB, MYSQL_TYPE_BLOB, MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB:
            if Self.formatName(field) == "json" {
                (jdbc, name, value) = (JDBCType.longvarchar, "JSON", .text)
            } else if binary {
                (jdbc, name, value) = (JDBCType.longvarbinary, Self.sizePrefix(length, unit: 1) + "BLOB", .blob)
            } else {
                (jdbc, name, value) = (JDBCType.longvarchar, Self.sizePrefix(length, unit: 4) + "TEXT", .text)
            }
        case MYSQL_TYPE_NULL: (jdbc, name, value) = (0, "NULL", .null)
        case MYSQL_TYPE_GEOMETRY: (jdbc, name, value) = (JDBCType.binary, "GEOMETRY", .unsupported)
        default: (jdbc, name, value) = (JDBCType.other, "UNKNOWN", .unsupported)
        }
        if value == .text || value == .blob || value == .temporal || value == .boolean || value == .null {
            signed = false
        }
        if value == .text && !binary, let perCharacter = Self.bytesPerCharacter(field.charsetnr), jdbc != JDBCType.date {
            precision = Int32(clamping: length / perCharacter)
        }
        if value == .boolean { precision = 1 }
        let columnName = Self.string(field.org_name, field.org_name_length) ?? ""
        let label = Self.string(field.name, field.name_length) ?? ""
        metadata = ColumnMetadata(
            name: columnName.isEmpty ? label : columnName, type: jdbc, typeName: name, label: label,
            schemaName: "", tableName: Self.string(field.org_table, field.org_table_length) ?? "",
            isAutoIncrement: flags & UInt32(AUTO_INCREMENT_FLAG) != 0, isSigned: signed, isCurrency: false,
            isCaseSensitive: Self.isCaseSensitive(field, value: value),
            nullable: flags & UInt32(NOT_NULL_FLAG) != 0 ? 0 : 1, precision: precision, scale: scale,
            arrayBaseColumnType: 0)
        self.value = value
        self.isUnsigned = unsigned
    }

    /// The Field for a non-NULL value read as bytes (the text form for numbers, dates and strings).
    func field(bytes: [UInt8], options: ResultSetOptions?) throws(DatabaseFailure) -> Field {
        let text = { String(decoding: bytes, as: UTF8.self) }
        switch value {
        case .integer:
            // Integers are normally bound as 64-bit values (`integerField`); text is read the same way.
            if let value = Int64(text()) { return integerField(signed: value, options: options) }
            return UInt64(text()).map { integerField(signed: Int64(bitPattern: $0), options: options) } ?? .string(text())
        case .null:
            return .null
        case .double, .float:
            return Double(text()).map(Field.double) ?? .string(text())
        case .decimal:
            guard options?.decimalReturnType == .doubleOrLong else { return .string(text()) }
            if metadata.scale == 0, let whole = Int64(text()) { return .long(whole) }
            return Double(text()).map(Field.double) ?? .string(text())
        case .boolean:
            return .bool(bytes.contains { $0 != 0 && $0 != UInt8(ascii: "0") })
        case .text:
            return .string(text())
        case .temporal:
            return .string(Self.trimmedFraction(text()))
        case .blob:
            return .blob(bytes)
        case .unsupported:
            throw DatabaseFailure.unsupportedType(metadata.typeName ?? "UNKNOWN")
        }
    }

    /// BIGINT UNSIGNED values above `Int64.max` cannot be a `longValue`: they come back as `stringValue`
    /// (the decimal digits) rather than as an invalid number.
    func integerField(signed: Int64, options: ResultSetOptions?) -> Field {
        if isUnsigned && signed < 0 { return .string(String(UInt64(bitPattern: signed))) }
        if metadata.type == JDBCType.bit { return .bool(signed != 0) }
        return options?.longReturnType == .string ? .string(String(signed)) : .long(signed)
    }

    /// `12:00:00.500000` → `12:00:00.5`, `…:05.000000` → `…:05`.
    static func trimmedFraction(_ text: String) -> String {
        guard let dot = text.lastIndex(of: "."), !text[dot...].contains(" ") else { return text }
        var end = text.endIndex
        while end > dot, text[text.index(before: end)] == "0" { end = text.index(before: end) }
        if text.index(before: end) == dot { end = dot }
        return String(text[..<end])
    }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?, _ length: UInt32) -> String? {
        guard let pointer else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: Int(length)), as: UTF8.self)
    }

    /// MariaDB marks JSON columns with the extended metadata format name `json`.
    private static func formatName(_ field: MYSQL_FIELD) -> String? {
        var attribute = MARIADB_CONST_STRING()
        var copy = field
        guard mariadb_field_attr(&attribute, &copy, MARIADB_FIELD_ATTR_FORMAT_NAME) == 0, let start = attribute.str else {
            return nil
        }
        return String(decoding: UnsafeRawBufferPointer(start: start, count: attribute.length), as: UTF8.self)
    }

    private static func sizePrefix(_ length: Int64, unit: Int64) -> String {
        switch length {
        case ...(255 * unit): "TINY"
        case ...(65_535 * unit): ""
        case ...(16_777_215 * unit): "MEDIUM"
        default: "LONG"
        }
    }

    private static func bytesPerCharacter(_ charset: UInt32) -> Int64? {
        guard let info = mariadb_get_charset_by_nr(charset) else { return nil }
        return Int64(max(1, info.pointee.char_maxlen))
    }

    /// Binary strings and `_bin`/`_cs` collations compare case-sensitively; numbers and dates do not.
    private static func isCaseSensitive(_ field: MYSQL_FIELD, value: Value) -> Bool {
        guard value == .text || value == .blob else { return false }
        if field.charsetnr == 63 { return true }
        guard let info = mariadb_get_charset_by_nr(field.charsetnr), let name = info.pointee.name else { return false }
        let collation = String(cString: name)
        return collation.hasSuffix("_bin") || collation.contains("_cs")
    }
}
