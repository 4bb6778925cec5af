import AuroraSQL

extension AuroraSQLEngine {
    /// Refuses SQL holding more than one statement before it is sent: the Data API runs one statement per call
    /// (Aurora User Guide, "Comparing Data API behaviors", multi-statement support).
    func checkSingleStatement(_ sql: String) throws(AuroraSQLError) {
        let dialect: AuroraSQL.SQLDialect = self == .postgresql ? .postgresql : .mysql
        // Text the lexer cannot read (an unterminated literal) goes to the server, which names the error itself.
        guard (try? SQLScanner.isMultiStatement(sql, dialect: dialect)) == true else { return }
        throw AuroraSQLError(
            code: .multipleStatements,
            message: "The Data API runs one statement per call, and this SQL holds several. Run each statement on "
                + "its own, inside withTransaction when they must succeed or fail together.")
    }
}
