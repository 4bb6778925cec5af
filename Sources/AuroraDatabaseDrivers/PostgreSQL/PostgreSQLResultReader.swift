import AuroraDataAPIModel
import CLibPQ

/// Reads a `PGRES_TUPLES_OK` result into records and pgjdbc-style column metadata. Types libpq does not
/// know by OID, and table origins of columns, come from the catalog (cached per session).
enum PostgreSQLResultReader {
    /// Converts `rows`; nil once their data (``Field/dataSize``) passes `byteLimit`.
    static func records(
        of rows: PostgreSQLRows, connection: OpaquePointer, catalog: inout PostgreSQLCatalogCache, options: ResultSetOptions?,
        byteLimit: Int?
    ) throws(DatabaseFailure) -> StatementOutcome {
        var types: [PostgreSQLType] = []
        var columns: [ColumnMetadata] = []
        for column in rows.columns {
            let type = try catalog.type(oid: column.oid, connection: connection)
            let origin = try catalog.origin(table: column.table, column: column.tableColumn, connection: connection)
            types.append(type)
            columns.append(type.metadata(name: column.name, typmod: column.typmod, table: origin))
        }
        if let unsupported = types.first(where: { $0.value == .unsupported }) {
            // Refused even when every value is NULL or there are no rows, as the Data API does.
            throw DatabaseFailure.unsupportedType(unsupported.name)
        }
        var records: [[Field]] = []
        records.reserveCapacity(rows.rowCount)
        var total = 0
        for row in 0..<rows.rowCount {
            var record: [Field] = []
            record.reserveCapacity(types.count)
            for (column, type) in types.enumerated() {
                guard let text = rows.text(row: row, column: column) else {
                    record.append(.null)
                    continue
                }
                record.append(try PostgreSQLValueText.field(text, type: type, options: options))
            }
            if let byteLimit {
                total += record.reduce(0) { $0 + $1.dataSize }
                if total > byteLimit { return .tooLarge(columns: columns) }
            }
            records.append(record)
        }
        return StatementOutcome(records: records, columns: columns, numberOfRecordsUpdated: 0, generatedFields: [])
    }
}

/// Catalog facts a session has looked up: types outside the built-in table (enums, extension types,
/// their arrays) and the table origin of result columns.
struct PostgreSQLCatalogCache {
    private var types: [UInt32: PostgreSQLType] = [:]
    private var tables: [UInt32: [Int32: PostgreSQLColumnOrigin]] = [:]

    mutating func type(oid: UInt32, connection: OpaquePointer) throws(DatabaseFailure) -> PostgreSQLType {
        if let known = PostgreSQLType.builtIn(oid) ?? types[oid] { return known }
        let rows = try query(
            connection,
            """
            SELECT t.typname, t.typtype, t.typelem, t.typcategory, t.typinput = 'array_in'::regproc
            FROM pg_catalog.pg_type t WHERE t.oid = $1
            """, [String(oid)])
        guard let row = rows.first, let name = row[0] else {
            return PostgreSQLType(oid: oid, name: "unknown(\(oid))", jdbcType: JDBCType.other, value: .unsupported)
        }
        let element = UInt32(row[2] ?? "0") ?? 0
        let resolved: PostgreSQLType
        if row[4] == "t", element != 0 {
            resolved = PostgreSQLType.array(oid: oid, of: try type(oid: element, connection: connection))
        } else if row[1] == "e" {
            resolved = PostgreSQLType(oid: oid, name: name, jdbcType: JDBCType.varchar, value: .text)
        } else if name == "vector" || name == "citext" || row[3] == "S" {
            // pgvector's `vector` is on the Data API's list; string-category extension types read as text.
            resolved = PostgreSQLType(oid: oid, name: name, jdbcType: JDBCType.other, value: .text)
        } else {
            resolved = PostgreSQLType(oid: oid, name: name, jdbcType: JDBCType.other, value: .unsupported)
        }
        types[oid] = resolved
        return resolved
    }

    mutating func origin(table: UInt32, column: Int32, connection: OpaquePointer) throws(DatabaseFailure) -> PostgreSQLColumnOrigin? {
        guard table != 0, column > 0 else { return nil }
        if let columns = tables[table] { return columns[column] }
        let rows = try query(
            connection,
            """
            SELECT c.relname, a.attnum, a.attnotnull,
                   a.attidentity <> '' OR COALESCE(pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE '%nextval(%', false)
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
            LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.oid = $1
            """, [String(table)])
        var columns: [Int32: PostgreSQLColumnOrigin] = [:]
        for row in rows {
            guard let name = row[0], let number = row[1].flatMap({ Int32($0) }) else { continue }
            columns[number] = PostgreSQLColumnOrigin(tableName: name, isNotNull: row[2] == "t", isAutoIncrement: row[3] == "t")
        }
        tables[table] = columns
        return columns[column]
    }

    /// A catalog query with bound text parameters; rows of nullable text.
    private func query(_ connection: OpaquePointer, _ sql: String, _ values: [String]) throws(DatabaseFailure) -> [[String?]] {
        let parameters = values.map { PostgreSQLParameter(typeOID: 0, bytes: Array($0.utf8), isBinary: false) }
        guard let result = PostgreSQLStatement.execute(connection, sql: sql, parameters: parameters) else {
            throw PostgreSQLFailure.statement(result: nil, connection: connection)
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_TUPLES_OK else {
            throw PostgreSQLFailure.statement(result: result, connection: connection)
        }
        return (0..<PQntuples(result)).map { row in
            (0..<PQnfields(result)).map { column in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
    }
}
