import AuroraDataAPI
import SQLKit

extension AuroraSQLDatabase {
    /// Runs `closure` in one Data API transaction: `BeginTransaction`, each statement with its id (one at a time),
    /// `CommitTransaction` when `closure` returns, `RollbackTransaction` when it throws. Inside a transaction it runs
    /// `closure` in that same transaction.
    ///
    /// The service ends a transaction left idle for 3 minutes and any after 24 hours; Aurora MySQL commits
    /// implicitly on DDL. Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BeginTransaction.html
    public func withTransaction<R>(_ closure: @escaping @Sendable (AuroraSQLDatabase) async throws -> R) async throws -> R {
        if transaction != nil { return try await closure(self) }
        let result = try await client.withTransaction { transaction in
            UncheckedResult(
                value: try await closure(
                    AuroraSQLDatabase(
                        client: client, engine: engine, logger: logger, eventLoop: eventLoop,
                        queryLogLevel: queryLogLevel, transaction: transaction)))
        }
        return result.value
    }
}

/// Carries a closure's result (SQLKit does not require it to be `Sendable`) out of the transaction; it is handed
/// over once, from the task that made it to the task that awaited it.
private struct UncheckedResult<Value>: @unchecked Sendable {
    var value: Value
}
