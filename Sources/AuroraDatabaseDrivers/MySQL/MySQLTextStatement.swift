import AuroraDataAPIModel
import CMariaDB

/// A statement without parameters sent as text (`mysql_real_query`), for the statements the server refuses to
/// prepare (`ER_UNSUPPORTED_PS`, 1295: `PREPARE` itself on MariaDB; `CREATE TRIGGER` and other compound statements
/// on MySQL 8). Aurora's Data API runs those, so the local endpoint does too.
enum MySQLTextStatement {
    /// `ER_UNSUPPORTED_PS`.
    static let notPreparableCode = 1295

    /// Runs `sql`; only statements that return no rows are supported this way.
    static func execute(_ mysql: UnsafeMutablePointer<MYSQL>, sql: String) throws(DatabaseFailure) -> StatementOutcome {
        if mysql_real_query(mysql, sql, UInt(sql.utf8.count)) != 0 { throw MySQLFailure.of(mysql) }
        if let result = mysql_store_result(mysql) {
            mysql_free_result(result)
            while mysql_next_result(mysql) == 0 {
                if let more = mysql_store_result(mysql) { mysql_free_result(more) }
            }
            throw DatabaseFailure(
                kind: .statement,
                message: "The server cannot prepare this statement (error \(notPreparableCode)) and it returns rows: the "
                    + "local endpoint runs such statements only when they return no rows.",
                engineCode: notPreparableCode, sqlState: "HY000")
        }
        let affected = mysql_affected_rows(mysql)
        let insertID = mysql_insert_id(mysql)
        return StatementOutcome(
            records: nil, columns: [], numberOfRecordsUpdated: affected == UInt64.max ? 0 : Int64(clamping: affected),
            generatedFields: insertID != 0 ? [.long(Int64(clamping: insertID))] : [])
    }
}
