import AuroraSQLKit
import FluentKit
import FluentSQL
import SQLKit

/// Fluent's data types as column types of each engine over the Data API.
///
/// | Fluent | PostgreSQL | MySQL |
/// |---|---|---|
/// | `.string` | `TEXT` | `VARCHAR(255)` |
/// | `.uuid` | `UUID` | `CHAR(36)` (the Data API carries UUIDs as text) |
/// | `.datetime` | `TIMESTAMPTZ` | `DATETIME(6)` |
/// | `.dictionary`, `.array` | `JSONB` | `JSON` (the service refuses array parameters; arrays travel as JSON) |
/// | `.enum` | `TEXT` (see below) | `ENUM(…)` |
/// | `.int8`…`.uint64` | `SMALLINT`, `INT`, `BIGINT` | `TINYINT`…`BIGINT [UNSIGNED]` |
///
/// PostgreSQL enums are stored as text: a string parameter reaches Aurora PostgreSQL typed as `character varying`,
/// which a column of a named enum type refuses without a cast, so named types would fail on AWS.
struct AuroraConverterDelegate: SQLConverterDelegate {
    let engine: AuroraSQLEngine

    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? {
        switch engine {
        case .postgresql: postgreSQLType(dataType)
        case .mysql: mySQLType(dataType)
        }
    }

    private func postgreSQLType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? {
        switch dataType {
        case .uuid: SQLRaw("UUID")
        case .bool: SQLRaw("BOOLEAN")
        case .data: SQLRaw("BYTEA")
        case .date: SQLRaw("DATE")
        case .datetime: SQLRaw("TIMESTAMPTZ")
        case .double: SQLRaw("DOUBLE PRECISION")
        case .float: SQLRaw("REAL")
        case .dictionary, .array: SQLRaw("JSONB")
        case .enum: SQLRaw("TEXT")
        case .int8, .uint8, .int16, .uint16: SQLRaw("SMALLINT")
        case .int32, .uint32: SQLRaw("INTEGER")
        case .int64, .uint64: SQLRaw("BIGINT")
        case .string: SQLRaw("TEXT")
        case .time: SQLRaw("TIME")
        case .custom: nil
        }
    }

    private func mySQLType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? {
        switch dataType {
        case .uuid: SQLRaw("CHAR(36)")
        case .bool: SQLRaw("BOOLEAN")
        case .data: SQLRaw("LONGBLOB")
        case .date: SQLRaw("DATE")
        case .datetime: SQLRaw("DATETIME(6)")
        case .double: SQLRaw("DOUBLE")
        case .float: SQLRaw("FLOAT")
        case .dictionary, .array: SQLRaw("JSON")
        case .enum: nil  // ENUM('a', 'b') from the dialect
        case .int8: SQLRaw("TINYINT")
        case .uint8: SQLRaw("TINYINT UNSIGNED")
        case .int16: SQLRaw("SMALLINT")
        case .uint16: SQLRaw("SMALLINT UNSIGNED")
        case .int32: SQLRaw("INT")
        case .uint32: SQLRaw("INT UNSIGNED")
        case .int64: SQLRaw("BIGINT")
        case .uint64: SQLRaw("BIGINT UNSIGNED")
        case .string: SQLRaw("VARCHAR(255)")
        case .time: SQLRaw("TIME(6)")
        case .custom: nil
        }
    }
}
