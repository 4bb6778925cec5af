import AuroraDataAPIModel

/// A PostgreSQL result type as Aurora's Data API reports it through pgjdbc: the `java.sql.Types` code,
/// pgjdbc's type name and how values are turned into `Field`s.
struct PostgreSQLType: Sendable, Hashable {
    /// How text-format values of the type become `Field`s.
    indirect enum Value: Sendable, Hashable {
        case long, double, decimal, bool, bit, text, timestamp, timestampWithZone, timeWithZone, bytea
        /// `json` and `jsonb`: their text with the whitespace between tokens removed (``PostgreSQLJSONText``).
        case json
        /// A one-dimensional array of `element` values.
        case array(element: PostgreSQLType)
        /// Refused with `UnsupportedResultException`.
        case unsupported
    }

    var oid: UInt32
    /// pgjdbc's `getColumnTypeName` (`int4`, `_text`, an enum's name, ...).
    var name: String
    /// pgjdbc's `getColumnType` (a `java.sql.Types` code).
    var jdbcType: Int32
    var value: Value

    /// The scalar type metadata derives from (arrays report their element's precision and scale, as pgjdbc).
    var metadataOID: UInt32 {
        if case .array(let element) = value { return element.oid }
        return oid
    }

    /// Built-in scalar types, by OID (pgjdbc `TypeInfoCache` names and codes).
    static let scalars: [UInt32: PostgreSQLType] = {
        let list: [(UInt32, String, Int32, Value)] = [
            (16, "bool", JDBCType.bit, .bool),
            (17, "bytea", JDBCType.binary, .bytea),
            (18, "char", JDBCType.char, .text),
            (19, "name", JDBCType.varchar, .text),
            (20, "int8", JDBCType.bigint, .long),
            (21, "int2", JDBCType.smallint, .long),
            (23, "int4", JDBCType.integer, .long),
            (25, "text", JDBCType.varchar, .text),
            (26, "oid", JDBCType.bigint, .long),
            (114, "json", JDBCType.other, .json),
            (142, "xml", 2009, .unsupported),
            (650, "cidr", JDBCType.other, .text),
            (700, "float4", JDBCType.real, .double),
            (701, "float8", JDBCType.double, .double),
            (705, "unknown", JDBCType.varchar, .text),
            (790, "money", JDBCType.double, .unsupported),
            (869, "inet", JDBCType.other, .text),
            (1042, "bpchar", JDBCType.char, .text),
            (1043, "varchar", JDBCType.varchar, .text),
            (1082, "date", JDBCType.date, .text),
            (1083, "time", JDBCType.time, .text),
            (1114, "timestamp", JDBCType.timestamp, .timestamp),
            (1184, "timestamptz", JDBCType.timestamp, .timestampWithZone),
            (1186, "interval", JDBCType.other, .unsupported),
            (1266, "timetz", JDBCType.time, .timeWithZone),
            (1560, "bit", JDBCType.bit, .bit),
            (1700, "numeric", JDBCType.numeric, .decimal),
            (2278, "void", JDBCType.other, .text),
            (2950, "uuid", JDBCType.other, .text),
            (3802, "jsonb", JDBCType.other, .json),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.0, PostgreSQLType(oid: $0.0, name: $0.1, jdbcType: $0.2, value: $0.3)) })
    }()

    /// Built-in array types: array OID to element OID.
    static let arrays: [UInt32: UInt32] = [
        1000: 16, 1001: 17, 1002: 18, 1003: 19, 1016: 20, 1005: 21, 1007: 23, 1009: 25, 1028: 26, 199: 114,
        143: 142, 651: 650, 1021: 700, 1022: 701, 791: 790, 1041: 869, 1014: 1042, 1015: 1043, 1182: 1082,
        1183: 1083, 1115: 1114, 1185: 1184, 1187: 1186, 1270: 1266, 1561: 1560, 1231: 1700, 2951: 2950, 3807: 3802,
    ]

    /// The type for a built-in OID, nil when the catalog must be asked.
    static func builtIn(_ oid: UInt32) -> PostgreSQLType? {
        if let scalar = scalars[oid] { return scalar }
        if let elementOID = arrays[oid], let element = scalars[elementOID] { return array(oid: oid, of: element) }
        return nil
    }

    static func array(oid: UInt32, of element: PostgreSQLType) -> PostgreSQLType {
        let value: Value = element.value == .unsupported || element.value == .bytea ? .unsupported : .array(element: element)
        return PostgreSQLType(oid: oid, name: "_" + element.name, jdbcType: JDBCType.array, value: value)
    }

    /// Metadata for a column of this type with type modifier `typmod` (pgjdbc `getPrecision`,
    /// `getScale`, `isSigned`, `isCaseSensitive`).
    func metadata(name: String, typmod: Int32, table: PostgreSQLColumnOrigin?) -> ColumnMetadata {
        let base = metadataOID
        let unknownLength = Int32.max
        let precision: Int32
        var scale: Int32 = 0
        switch base {
        case 21: precision = 5
        case 23, 26: precision = 10
        case 20: precision = 19
        case 700: precision = 8; scale = 8
        case 701: precision = 17; scale = 17
        case 1700:
            precision = typmod == -1 ? 0 : ((typmod - 4) >> 16) & 0xFFFF
            scale = typmod == -1 ? 0 : (typmod - 4) & 0xFFFF
        case 16, 18: precision = 1
        case 1042, 1043: precision = typmod == -1 ? unknownLength : typmod - 4
        case 1082: precision = 13
        case 1083, 1266, 1114, 1184:
            let secondDigits: Int32 = switch typmod {
            case -1: 7
            case 0: 0
            case 1: 3
            default: typmod + 1
            }
            scale = typmod == -1 ? 6 : typmod
            precision = switch base {
            case 1083: 8 + secondDigits
            case 1266: 14 + secondDigits
            case 1114: 22 + secondDigits
            default: 28 + secondDigits
            }
        case 1560: precision = typmod
        default: precision = unknownLength
        }
        let signed: Set<UInt32> = [20, 21, 23, 700, 701, 1700]
        let caseInsensitive: Set<UInt32> = [16, 20, 21, 23, 26, 700, 701, 1082, 1083, 1114, 1184, 1186, 1266, 1560, 1562, 1700]
        let arrayBase: Int32 = if case .array(let element) = value { element.jdbcType } else { 0 }
        let autoIncrement = table?.isAutoIncrement ?? false
        return ColumnMetadata(
            name: name, type: jdbcType, typeName: autoIncrement ? serialName : self.name, label: name,
            schemaName: "", tableName: table?.tableName ?? "", isAutoIncrement: autoIncrement,
            isSigned: signed.contains(base), isCurrency: base == 790, isCaseSensitive: !caseInsensitive.contains(base),
            nullable: table.map { $0.isNotNull ? 0 : 1 } ?? 1, precision: precision, scale: scale,
            arrayBaseColumnType: arrayBase)
    }

    /// pgjdbc reports auto-increment integer columns as `serial`, `bigserial`, `smallserial`.
    private var serialName: String {
        switch oid {
        case 23: "serial"
        case 20: "bigserial"
        case 21: "smallserial"
        default: name
        }
    }
}

/// What the catalog says about a result column that comes straight from a table column.
struct PostgreSQLColumnOrigin: Sendable, Hashable {
    var tableName: String
    var isNotNull: Bool
    /// A `nextval(...)` default or an identity column.
    var isAutoIncrement: Bool
}
