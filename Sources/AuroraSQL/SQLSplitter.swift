/// Splits a migration script into the statements a client (`psql`, `mysql`) would send, one per RDS Data API
/// `ExecuteStatement` call, following the lexical rules of each dialect.
///
/// Client-only constructs the Data API cannot run are refused with a `SQLSplitError` naming the line:
/// psql meta-commands and mysql client commands (`\connect`, `\i`, `\copy`, `\.`, …), PostgreSQL `COPY … FROM
/// STDIN` / `TO STDOUT`, MySQL `SOURCE`, MySQL `USE db` (it would change only the pooled session of one call:
/// choose the database with the Data API `database` parameter), and — unless
/// `Options.allowTransactionControl` — explicit transaction control (the tool runs the script inside a Data API
/// transaction). MySQL `DELIMITER` directives are followed and never sent.
public enum SQLSplitter {
    /// Choices that change how a script is split.
    public struct Options: Sendable, Hashable {
        /// Server settings that change tokenizing.
        public var syntax: SQLSyntaxOptions
        /// Return transaction control statements (flagged `isTransactionControl`) instead of refusing them.
        public var allowTransactionControl: Bool
        /// The PostgreSQL server's major version when known; `ALTER TYPE … ADD VALUE` cannot run in a
        /// transaction before 12. Nil means a supported Aurora PostgreSQL version (12 or later).
        public var postgreSQLMajorVersion: Int?

        public init(
            syntax: SQLSyntaxOptions = SQLSyntaxOptions(), allowTransactionControl: Bool = false,
            postgreSQLMajorVersion: Int? = nil
        ) {
            self.syntax = syntax
            self.allowTransactionControl = allowTransactionControl
            self.postgreSQLMajorVersion = postgreSQLMajorVersion
        }
    }

    /// The statements of `script` in order. Empty statements (`;;`, comment-only parts) are skipped, a last
    /// statement without a delimiter is kept, a leading UTF-8 BOM is skipped, and line numbers count LF, CRLF
    /// and CR line breaks.
    public static func split(
        _ script: String, dialect: SQLDialect, options: Options = Options()
    ) throws(SQLSplitError) -> [SQLScriptStatement] {
        let bytes = Array(script.utf8)
        var reader = SQLStatementReader(
            bytes: bytes, dialect: dialect, options: options.syntax, mode: .script,
            start: SQLScriptText.bomLength(bytes))
        var lines = SQLLineCounter(bytes: bytes)
        var statements: [SQLScriptStatement] = []
        while let found = try reader.next() {
            try refuseClientOnly(found, dialect: dialect, lexer: reader.lexer)
            let isTransactionControl =
                !found.isCompound && SQLStatementClassifier.isTransactionControl(found.leadingWords, dialect: dialect)
            if isTransactionControl && !options.allowTransactionControl {
                throw reader.lexer.error(
                    .transactionControl,
                    "\(found.leadingWords.first ?? "transaction control") statements are not allowed in a migration "
                        + "script: the migration tool runs the script in a Data API transaction itself; remove it",
                    at: found.range.lowerBound)
            }
            statements.append(
                SQLScriptStatement(
                    text: String(decoding: bytes[found.range], as: UTF8.self),
                    line: lines.line(at: found.range.lowerBound),
                    utf8Range: found.range,
                    isTransactionControl: isTransactionControl,
                    cannotRunInTransaction: dialect == .postgresql
                        && SQLStatementClassifier.cannotRunInTransaction(
                            found.leadingWords, postgreSQLMajorVersion: options.postgreSQLMajorVersion),
                    isStoredProgram: found.isCompound))
        }
        return statements
    }

    private static func refuseClientOnly(
        _ statement: SQLStatementReader.Statement, dialect: SQLDialect, lexer: SQLLexer
    ) throws(SQLSplitError) {
        let start = statement.range.lowerBound
        if let backslash = statement.backslashOffset {
            let command = lexer.bytes[backslash...].prefix { !SQLLexer.isWhitespace($0) }.prefix(24)
            let client = dialect == .postgresql ? "psql meta-command" : "mysql client command"
            throw lexer.error(
                .clientCommand,
                "\(client) \(String(decoding: command, as: UTF8.self)) cannot run through the Data API, which runs "
                    + "SQL statements only; remove it (put the statements of included files in migration scripts)",
                at: backslash)
        }
        if statement.copiesThroughClient {
            throw lexer.error(
                .clientCommand,
                "COPY … FROM STDIN / TO STDOUT needs a client to stream the data, which the Data API cannot do; "
                    + "use INSERT statements (or COPY from a server-side file or aws_s3.table_import_from_s3)",
                at: start)
        }
        guard dialect == .mysql, !statement.isCompound else { return }
        switch statement.leadingWords.first {
        case "SOURCE":
            throw lexer.error(
                .clientCommand,
                "SOURCE is a mysql client command that the Data API cannot run; put the file's statements in a "
                    + "migration script of their own", at: start)
        case "USE":
            throw lexer.error(
                .sessionState,
                "USE changes the database of one pooled Data API session only; choose the database with the "
                    + "migration tool's database setting (the Data API `database` parameter) and remove USE",
                at: start)
        default:
            return
        }
    }
}
