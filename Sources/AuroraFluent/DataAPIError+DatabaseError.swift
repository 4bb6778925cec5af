import AuroraDataAPI
import FluentKit

/// Fluent's classification of database errors, from the SQLState the Data API's message carries (`databaseDetails`),
/// the same on Aurora PostgreSQL and Aurora MySQL: class 23 is an integrity-constraint violation (unique, foreign
/// key, not null, check), class 42 a syntax error or access-rule violation (unknown table or column included).
///
/// See https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api-troubleshooting.html
extension DataAPIError: DatabaseError {
    /// SQLState class 42.
    public var isSyntaxError: Bool { databaseDetails.sqlState?.hasPrefix("42") ?? false }
    /// SQLState class 23: a unique or foreign-key violation, a NULL in a NOT NULL column, a failed CHECK.
    public var isConstraintFailure: Bool { databaseDetails.sqlState?.hasPrefix("23") ?? false }
    /// The database did not answer (`DatabaseUnavailableException`); the Data API keeps no connection to close.
    public var isConnectionClosed: Bool { code == .databaseUnavailable }
}
