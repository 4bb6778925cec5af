import AuroraSQLKit
import FluentKit

/// A result row as Fluent reads models from it: field keys are column labels, prefixed by the schema
/// (`planets_name`) when Fluent qualifies them (it always does for model reads, joins and eager loads).
struct AuroraFluentOutput: DatabaseOutput {
    let row: AuroraSQLRow
    /// `schema_`, made once per row; each key is then matched against the labels without building a string.
    private let prefix: String?

    init(row: AuroraSQLRow, schema: String?) {
        self.row = row
        prefix = schema.map { $0 + "_" }
    }

    var description: String { row.description }

    func schema(_ schema: String) -> any DatabaseOutput { AuroraFluentOutput(row: row, schema: schema) }

    func contains(_ key: FieldKey) -> Bool {
        guard let prefix else { return row.contains(column: key.description) }
        return row.contains(prefix: prefix, key: key.description)
    }

    func decodeNil(_ key: FieldKey) throws -> Bool {
        guard let prefix else { return try row.decodeNil(column: key.description) }
        return try row.decodeNil(prefix: prefix, key: key.description)
    }

    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T {
        guard let prefix else { return try row.decode(column: key.description, as: T.self) }
        return try row.decode(prefix: prefix, key: key.description, as: T.self)
    }
}
