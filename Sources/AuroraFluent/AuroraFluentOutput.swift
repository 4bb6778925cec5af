import AuroraSQLKit
import FluentKit

/// A result row as Fluent reads models from it: field keys are column labels, prefixed by the schema
/// (`planets_name`) when Fluent joins or eager-loads.
struct AuroraFluentOutput: DatabaseOutput {
    let row: AuroraSQLRow
    let schema: String?
    /// `schema_`, made once per row rather than once per field.
    private let prefix: String?

    init(row: AuroraSQLRow, schema: String?) {
        self.row = row
        self.schema = schema
        prefix = schema.map { $0 + "_" }
    }

    var description: String { row.description }

    func schema(_ schema: String) -> any DatabaseOutput { AuroraFluentOutput(row: row, schema: schema) }

    func contains(_ key: FieldKey) -> Bool { row.contains(column: column(key)) }

    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: column(key)) }

    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T {
        try row.decode(column: column(key), as: T.self)
    }

    private func column(_ key: FieldKey) -> String {
        guard let prefix else { return key.description }
        return prefix + key.description
    }
}
