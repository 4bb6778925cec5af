/// Metadata of one result column: JDBC `ResultSetMetaData` values as Aurora reports them.
///
/// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ColumnMetadata.html.
/// `type` is a `java.sql.Types` code (see ``JDBCType``); `nullable` is 0 (no nulls), 1 (nullable) or 2 (unknown).
public struct ColumnMetadata: Sendable, Hashable, Codable {
    /// The column's name in its table (`name`); for an expression, what the engine calls it.
    public var name: String?
    /// The `java.sql.Types` code of the column (see ``JDBCType``).
    public var type: Int32
    /// The engine's type name, e.g. `int8`, `VARCHAR`, `_text` (a PostgreSQL array).
    public var typeName: String?
    /// The column label (`AS` name, else the name): what records are decoded by.
    public var label: String?
    /// The schema of the column's table, when the engine reports it.
    public var schemaName: String?
    /// The table the column comes from, when the engine reports it.
    public var tableName: String?
    /// Whether the column is numbered automatically (identity, serial, `AUTO_INCREMENT`).
    public var isAutoIncrement: Bool
    /// Whether the column's numbers are signed.
    public var isSigned: Bool
    /// Whether the column holds a currency value (PostgreSQL `money`).
    public var isCurrency: Bool
    /// Whether comparisons of the column's values are case-sensitive.
    public var isCaseSensitive: Bool
    /// 0: the column holds no NULL, 1: it may, 2: unknown.
    public var nullable: Int32
    /// The column's precision: digits of a number, characters of text.
    public var precision: Int32
    /// The digits after the decimal point of a DECIMAL or NUMERIC column.
    public var scale: Int32
    /// For an array column, the `java.sql.Types` code of its elements; 0 otherwise.
    public var arrayBaseColumnType: Int32

    /// Metadata from its members; the defaults are those of a missing member in a response.
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
    /// `BIT` (MySQL `BIT`, `TINYINT(1)`; PostgreSQL `bool`).
    public static let bit: Int32 = -7
    /// `TINYINT`.
    public static let tinyint: Int32 = -6
    /// `SMALLINT`.
    public static let smallint: Int32 = 5
    /// `INTEGER`.
    public static let integer: Int32 = 4
    /// `BIGINT`.
    public static let bigint: Int32 = -5
    /// `FLOAT`.
    public static let float: Int32 = 6
    /// `REAL` (single precision).
    public static let real: Int32 = 7
    /// `DOUBLE`.
    public static let double: Int32 = 8
    /// `NUMERIC`.
    public static let numeric: Int32 = 2
    /// `DECIMAL`.
    public static let decimal: Int32 = 3
    /// `CHAR`.
    public static let char: Int32 = 1
    /// `VARCHAR` (also PostgreSQL `text`).
    public static let varchar: Int32 = 12
    /// `LONGVARCHAR` (MySQL `TEXT` types).
    public static let longvarchar: Int32 = -1
    /// `DATE`.
    public static let date: Int32 = 91
    /// `TIME`.
    public static let time: Int32 = 92
    /// `TIMESTAMP` (also MySQL `DATETIME`).
    public static let timestamp: Int32 = 93
    /// `BINARY`.
    public static let binary: Int32 = -2
    /// `VARBINARY` (also PostgreSQL `bytea`).
    public static let varbinary: Int32 = -3
    /// `LONGVARBINARY` (MySQL `BLOB` types).
    public static let longvarbinary: Int32 = -4
    /// `OTHER`: a type JDBC has no code for (PostgreSQL `json`, `uuid`, `interval`, ...).
    public static let other: Int32 = 1111
    /// `ARRAY` (PostgreSQL arrays; see ``ColumnMetadata/arrayBaseColumnType``).
    public static let array: Int32 = 2003
    /// `BLOB`.
    public static let blob: Int32 = 2004
    /// `CLOB`.
    public static let clob: Int32 = 2005
    /// `BOOLEAN`.
    public static let boolean: Int32 = 16
    /// `TIME WITH TIME ZONE`.
    public static let timeWithTimezone: Int32 = 2013
    /// `TIMESTAMP WITH TIME ZONE`.
    public static let timestampWithTimezone: Int32 = 2014
}
