import AuroraDataAPIModel

/// The RDS Data API operations the migration tool uses: `ExecuteStatement`, `BeginTransaction`,
/// `CommitTransaction` and `RollbackTransaction` (https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_Operations.html).
///
/// `DataAPIClient` conforms (`DataAPIClient+MigrationDatabase.swift`); retries (a resuming Serverless v2
/// instance, throttling) are the client's job. Every call is its own database session unless it carries a
/// `transactionId`.
public protocol MigrationDatabase: Sendable {
    /// Runs one statement; auto-committed when `transactionId` is nil.
    func execute(_ sql: String, parameters: [SqlParameter], transactionId: String?) async throws -> ExecuteStatementResponse
    /// Starts a transaction and returns its id.
    func beginTransaction() async throws -> String
    /// Commits the transaction.
    func commitTransaction(_ transactionId: String) async throws
    /// Rolls the transaction back.
    func rollbackTransaction(_ transactionId: String) async throws
}
