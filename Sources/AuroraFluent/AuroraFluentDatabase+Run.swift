import AuroraDataAPI
import AuroraSQLKit
import FluentKit
import FluentSQL
import SQLKit

extension AuroraFluentDatabase {
    /// Runs a Fluent query. A create returns the new row's id as Fluent expects it: through `RETURNING` on
    /// PostgreSQL, from the response's `generatedFields` (the auto-increment id) on MySQL.
    func run(query: DatabaseQuery) async throws -> [any DatabaseOutput] {
        let sql = try await sql()
        var expression = SQLQueryConverter(delegate: AuroraConverterDelegate(engine: sql.engine)).convert(query)
        let idKey = (query.customIDKey ?? .id).description
        var returnsID = false
        if case .create = query.action, query.customIDKey != .some(.string("")) { returnsID = true }
        if returnsID, sql.engine == .postgresql {
            expression = SQLKit.SQLList([expression, SQLReturning(SQLColumn(idKey))], separator: SQLRaw(" "))
        }
        let (response, rows) = try await sql.rows(expression)
        var outputs: [any DatabaseOutput] = rows.map { AuroraFluentOutput(row: $0, schema: nil) }
        if returnsID, sql.engine == .mysql, let id = response.generatedFields?.first {
            let resultSet = try ResultSet(columns: [ColumnMetadata(name: idKey, label: idKey)], records: [[id]])
            outputs.append(AuroraFluentOutput(row: AuroraSQLRow(resultSet: resultSet, index: 0), schema: nil))
        }
        return outputs
    }

    /// Runs a schema change: `CREATE TABLE`, `ALTER TABLE` or `DROP TABLE` for the engine.
    func run(schema: DatabaseSchema) async throws {
        let sql = try await sql()
        try await sql.run(SQLSchemaConverter(delegate: AuroraConverterDelegate(engine: sql.engine)).convert(schema))
    }
}
