import AuroraSQL

/// The database engine behind the cluster: decides the SQL dialect, the script file variant,
/// the history table DDL and the lock strategy.
public enum MigrationEngine: String, Sendable, Hashable, CaseIterable {
    /// Aurora PostgreSQL.
    case postgresql
    /// Aurora MySQL (and MariaDB, locally).
    case mysql

    /// Recognises the answer to `SELECT version()`: PostgreSQL answers `PostgreSQL 15.4 on ...`,
    /// MySQL and MariaDB answer `8.0.36` or `10.11.6-MariaDB`.
    public init?(versionString: String) {
        let text = versionString.drop { $0.isWhitespace }
        if text.lowercased().hasPrefix("postgresql") {
            self = .postgresql
        } else if let first = text.first, first.isNumber {
            self = .mysql
        } else {
            return nil
        }
    }

    /// The lexer dialect for splitting this engine's scripts.
    public var dialect: SQLDialect {
        switch self {
        case .postgresql: return .postgresql
        case .mysql: return .mysql
        }
    }
}
