/// SQL text that cannot be split or scanned: an unterminated literal or comment, or a client-only command
/// that the RDS Data API cannot run (it takes exactly one server statement per `ExecuteStatement` call).
public struct SQLSplitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong; compare with the static members.
    public var code: Code
    /// What went wrong and what to change in the script.
    public var message: String
    /// 1-based line where the offending construct starts (the opening quote of an unterminated string,
    /// the first word of a refused statement).
    public var line: Int

    public init(code: Code, message: String, line: Int) {
        self.code = code
        self.message = message
        self.line = line
    }

    public var description: String { "line \(line): \(message) [\(code.rawValue)]" }

    /// An error code. Compare with the static members; new codes may be added.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A `'…'` (or MySQL `"…"`) string literal has no closing quote.
        public static let unterminatedString = Code(rawValue: "UnterminatedString")
        /// A `"…"` (PostgreSQL, MySQL `ANSI_QUOTES`) or `` `…` `` (MySQL) identifier has no closing quote.
        public static let unterminatedQuotedIdentifier = Code(rawValue: "UnterminatedQuotedIdentifier")
        /// A `/* … */` comment has no closing `*/` (PostgreSQL comments nest).
        public static let unterminatedComment = Code(rawValue: "UnterminatedComment")
        /// A PostgreSQL `$tag$ … $tag$` body has no closing tag.
        public static let unterminatedDollarQuote = Code(rawValue: "UnterminatedDollarQuote")
        /// A client program command (psql `\…` meta-command, `COPY … FROM STDIN`, mysql `SOURCE`) that no
        /// server can run.
        public static let clientCommand = Code(rawValue: "ClientCommand")
        /// `BEGIN`, `START TRANSACTION`, `COMMIT`, `ROLLBACK`, savepoints, …: the migration tool owns the
        /// transaction (Data API `BeginTransaction` / `CommitTransaction`).
        public static let transactionControl = Code(rawValue: "TransactionControl")
        /// A statement that only changes the state of one Data API call's pooled session (MySQL `USE db`).
        public static let sessionState = Code(rawValue: "SessionState")
        /// A MySQL `DELIMITER` directive without a usable delimiter.
        public static let invalidDelimiter = Code(rawValue: "InvalidDelimiter")
    }
}
