import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraSQL

/// Aurora Serverless v2 and provisioned clusters refuse SQL text holding more than one statement with
/// `ValidationException` "Multistatements aren't supported." (Aurora User Guide, "Comparing Data API
/// behaviors"). Text the scanner cannot split (an unterminated literal) goes to the database, which reports
/// the syntax error itself.
enum SingleStatementCheck {
    static func check(_ sql: String, engine: DatabaseEngine) throws(DataAPIError) {
        let dialect: SQLDialect = engine == .postgresql ? .postgresql : .mysql
        if (try? SQLScanner.isMultiStatement(sql, dialect: dialect)) == true {
            throw .validation("Multistatements aren't supported.")
        }
    }
}
