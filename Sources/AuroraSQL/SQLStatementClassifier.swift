/// Decides from a statement's first words whether it controls the transaction or cannot run inside one.
enum SQLStatementClassifier {
    /// Transaction control statements (MySQL 15.3, PostgreSQL "SQL Commands").
    static func isTransactionControl(_ words: [String], dialect: SQLDialect) -> Bool {
        guard let first = words.first else { return false }
        switch first {
        case "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE": return true
        case "START": return words.dropFirst().first == "TRANSACTION"
        case "END", "ABORT": return dialect == .postgresql
        case "PREPARE": return dialect == .postgresql && words.dropFirst().first == "TRANSACTION"
        case "XA": return dialect == .mysql
        default: return false
        }
    }

    /// PostgreSQL statements that fail with "… cannot run inside a transaction block" (the list of Flyway's
    /// `PostgreSQLParser.detectCanExecuteInTransaction`, checked against the PostgreSQL command reference).
    static func cannotRunInTransaction(_ words: [String], postgreSQLMajorVersion: Int?) -> Bool {
        func word(_ index: Int) -> String? { index < words.count ? words[index] : nil }
        switch word(0) {
        case "VACUUM":
            return true
        case "ALTER":
            if word(1) == "SYSTEM" { return true }
            guard word(1) == "TYPE", let version = postgreSQLMajorVersion, version < 12 else { return false }
            return zip(words, words.dropFirst()).contains { $0 == "ADD" && $1 == "VALUE" }
        case "DISCARD":
            return word(1) == "ALL"
        case "CREATE", "DROP":
            switch word(1) {
            case "DATABASE", "TABLESPACE", "SUBSCRIPTION": return true
            case "INDEX": return word(2) == "CONCURRENTLY"
            case "UNIQUE": return word(0) == "CREATE" && word(2) == "INDEX" && word(3) == "CONCURRENTLY"
            default: return false
            }
        case "REINDEX":
            if words.contains("CONCURRENTLY") { return true }
            let target = words.dropFirst().first { ["INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM"].contains($0) }
            return target == "SCHEMA" || target == "DATABASE" || target == "SYSTEM"
        default:
            return false
        }
    }
}
