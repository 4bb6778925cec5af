/// One statement of a migration script, ready for one RDS Data API `ExecuteStatement` call
/// (Aurora User Guide, "Using the RDS Data API": one statement per call, multi-statements are rejected).
public struct SQLScriptStatement: Sendable, Hashable {
    /// The statement, trimmed, without its delimiter. Comments before the first token and after the last are
    /// left out; comments inside are kept, and so are MySQL executable comments (`/*!40101 … */`).
    public var text: String
    /// 1-based line of the statement's first character in the script.
    public var line: Int
    /// Where `text` stands in the script, as UTF-8 offsets (a leading BOM counts).
    public var utf8Range: Range<Int>
    /// `BEGIN`, `START TRANSACTION`, `COMMIT`, `ROLLBACK`, `SAVEPOINT`, `RELEASE`, PostgreSQL `END`, `ABORT`,
    /// `PREPARE TRANSACTION`, MySQL `XA`. Only present when `SQLSplitter.Options.allowTransactionControl` is set.
    public var isTransactionControl: Bool
    /// PostgreSQL refuses to run it inside a transaction block: `CREATE [UNIQUE] INDEX CONCURRENTLY`,
    /// `DROP INDEX CONCURRENTLY`, `REINDEX … CONCURRENTLY`, `REINDEX SCHEMA | DATABASE | SYSTEM`, `VACUUM`,
    /// `CREATE | DROP DATABASE | TABLESPACE | SUBSCRIPTION`, `ALTER SYSTEM`, `DISCARD ALL`, and
    /// `ALTER TYPE … ADD VALUE` before PostgreSQL 12. Always false for MySQL.
    public var cannotRunInTransaction: Bool
    /// A stored program or routine with a body (MySQL procedure, function, trigger, event, `BEGIN NOT ATOMIC`;
    /// PostgreSQL function or procedure).
    public var isStoredProgram: Bool

    public init(
        text: String, line: Int, utf8Range: Range<Int>, isTransactionControl: Bool = false,
        cannotRunInTransaction: Bool = false, isStoredProgram: Bool = false
    ) {
        self.text = text
        self.line = line
        self.utf8Range = utf8Range
        self.isTransactionControl = isTransactionControl
        self.cannotRunInTransaction = cannotRunInTransaction
        self.isStoredProgram = isStoredProgram
    }
}
