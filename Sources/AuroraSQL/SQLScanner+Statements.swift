extension SQLScanner {
    /// How many non-empty statements `sql` holds for the server: `;` outside literals, comments, parentheses and
    /// compound bodies separates statements; empty statements, a trailing `;` and comments do not count.
    /// Aurora Serverless v2 and provisioned clusters reject more than one with `ValidationException`
    /// "Multistatements aren't supported." (Aurora User Guide, "Comparing Data API behaviors", multi-statement
    /// support). No client directive (`DELIMITER`) is followed: the text goes to the server as is.
    public static func statementCount(
        in sql: String, dialect: SQLDialect, options: SQLSyntaxOptions = SQLSyntaxOptions()
    ) throws(SQLSplitError) -> Int {
        let bytes = Array(sql.utf8)
        var reader = SQLStatementReader(bytes: bytes, dialect: dialect, options: options, mode: .server)
        var count = 0
        while try reader.next() != nil { count += 1 }
        return count
    }

    /// Whether `sql` holds more than one statement (see `statementCount(in:dialect:options:)`).
    public static func isMultiStatement(
        _ sql: String, dialect: SQLDialect, options: SQLSyntaxOptions = SQLSyntaxOptions()
    ) throws(SQLSplitError) -> Bool {
        try statementCount(in: sql, dialect: dialect, options: options) > 1
    }
}
