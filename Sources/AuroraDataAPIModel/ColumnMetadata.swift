/// Metadata of one result column: JDBC `ResultSetMetaData` values as Aurora reports them.
///
/// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ColumnMetadata.html.
/// `type` is a `java.sql.Types` code (see ``JDBCType``); `nullable` is 0 (no nulls), 1 (nullable) or 2 (unknown).
public struct ColumnMetadata: Sendable, Hashable, Codable {
    public var name: String?
    public var type: Int32
    public var typeName: String?
    public var label: String?
    public var schemaName: String?
    public var tableName: String?
    public var isAutoIncrement: Bool
    public var isSigned: Bool
    public var isCurrency: Bool
    public var isCaseSensitive: Bool
    public var nullable: Int32
    public var precision: Int32
    public var scale: Int32
    public var arrayBaseColumnType: Int32

    public init(
        name: String? = nil, type: Int32 = 0, typeName: String? = nil, label: String? = nil,
        schemaName: String? = nil, tableName: String? = nil, isAutoIncrement: Bool = false,
        isSigned: Bool = false, isCurrency: Bool = false, isCaseSensitive: Bool = false,
        nullable: Int32 = 0, precision: Int32 = 0, scale: Int32 = 0, arrayBaseColumnType: Int32 = 0
    ) {
        self.name = name
        self.type = type
        self.typeName = typeName
        self.label = label
        self.schemaName = schemaName
        self.tableName = tableName
        self.isAutoIncrement = isAutoIncrement
        self.isSigned = isSigned
        self.isCurrency = isCurrency
        self.isCaseSensitive = isCaseSensitive
        self.nullable = nullable
        self.precision = precision
        self.scale = scale
        self.arrayBaseColumnType = arrayBaseColumnType
    }

    enum CodingKeys: String, CodingKey {
        case name, type, typeName, label, schemaName, tableName, isAutoIncrement, isSigned, isCurrency
        case isCaseSensitive, nullable, precision, scale, arrayBaseColumnType
    }

    // Numbers and booleans default to 0/false when absent, as the Smithy model says.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decodeIfPresent(String.self, forKey: .name),
            type: try c.decodeIfPresent(Int32.self, forKey: .type) ?? 0,
            typeName: try c.decodeIfPresent(String.self, forKey: .typeName),
            label: try c.decodeIfPresent(String.self, forKey: .label),
            schemaName: try c.decodeIfPresent(String.self, forKey: .schemaName),
            tableName: try c.decodeIfPresent(String.self, forKey: .tableName),
            isAutoIncrement: try c.decodeIfPresent(Bool.self, forKey: .isAutoIncrement) ?? false,
            isSigned: try c.decodeIfPresent(Bool.self, forKey: .isSigned) ?? false,
            isCurrency: try c.decodeIfPresent(Bool.self, forKey: .isCurrency) ?? false,
            isCaseSensitive: try c.decodeIfPresent(Bool.self, forKey: .isCaseSensitive) ?? false,
            nullable: try c.decodeIfPresent(Int32.self, forKey: .nullable) ?? 0,
            precision: try c.decodeIfPresent(Int32.self, forKey: .precision) ?? 0,
            scale: try c.decodeIfPresent(Int32.self, forKey: .scale) ?? 0,
            arrayBaseColumnType: try c.decodeIfPresent(Int32.self, forKey: .arrayBaseColumnType) ?? 0
        )
    }
}

/// `java.sql.Types` codes used in ``ColumnMetadata/type``.
public enum JDBCType {
    public static let bit: Int32 = -7
    public static let tinyint: Int32 = -6
    public static let smallint: Int32 = 5
    public static let integer: Int32 = 4
    public static let bigint: Int32 = -5
    public static let float: Int32 = 6
    public static let real: Int32 = 7
    public static let double: Int32 = 8
    public static let numeric: Int32 = 2
    public static let decimal: Int32 = 3
    public static let char: Int32 = 1
    public static let varchar: Int32 = 12
    public static let longvarchar: Int32 = -1
    public static let date: Int32 = 91
    public static let time: Int32 = 92
    public static let timestamp: Int32 = 93
    public static let binary: Int32 = -2
    public static let varbinary: Int32 = -3
    public static let longvarbinary: Int32 = -4
    public static let other: Int32 = 1111
    public static let array: Int32 = 2003
    public static let blob: Int32 = 2004
    public static let clob: Int32 = 2005
    public static let boolean: Int32 = 16
    public static let timeWithTimezone: Int32 = 2013
    public static let timestampWithTimezone: Int32 = 2014
}
