import AuroraDataAPIModel
import Logging

extension DataAPIClient {
    /// Runs `body` in a transaction: begins it, commits when `body` returns, rolls it back when `body` throws or
    /// the task is cancelled. The rollback runs in a detached task, so it is sent even from a cancelled task.
    ///
    /// ```swift
    /// try await client.withTransaction { tx in
    ///     try await tx.execute("UPDATE accounts SET balance = balance - \(amount) WHERE id = \(from)")
    ///     try await tx.execute("UPDATE accounts SET balance = balance + \(amount) WHERE id = \(to)")
    /// }
    /// ```
    /// If a statement fails and `body` catches the error and returns, the commit is still sent: on Aurora PostgreSQL
    /// the transaction was rolled back by the failure, yet the Data API answers the commit with 200
    /// `Transaction Committed`. Let statement errors propagate out of `body` (or rethrow them) so the transaction
    /// is rolled back and the error reaches you.
    /// The service rolls back a transaction left unused for 3 minutes: keep long computations out of `body`.
    /// Aurora MySQL commits implicitly on DDL, so run MySQL DDL outside transactions.
    ///
    /// Implements BeginTransaction / CommitTransaction / RollbackTransaction
    /// (https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BeginTransaction.html).
    /// - Throws: the error of `body` (after the rollback), `CancellationError`, or the `DataAPIError` of
    ///   begin/commit. A commit that ends in `outcomeUnknown` may have committed.
    public func withTransaction<Result: Sendable>(
        database: String? = nil, _ body: (DataAPITransaction) async throws -> Result
    ) async throws -> Result {
        let transaction = DataAPITransaction(id: try await beginTransaction(database: database), client: self)
        let result: Result
        do {
            result = try await body(transaction)
            try Task.checkCancellation()
        } catch {
            await transaction.finish()
            await rollbackDetached(transaction.id, because: error)
            throw error
        }
        await transaction.finish()
        do {
            try await commitTransaction(transaction.id)
        } catch let error as DataAPIError where error.code != .outcomeUnknown {
            // The commit was refused: make sure nothing stays open (the service usually has rolled back already).
            await rollbackDetached(transaction.id, because: error)
            throw error
        }
        return result
    }

    /// Sends RollbackTransaction from a detached task (not cancelled with the caller) and waits for it.
    /// A failed rollback is logged: the service rolls the transaction back by itself after 3 idle minutes.
    private func rollbackDetached(_ transactionId: String, because reason: any Error) async {
        let client = self
        let outcome = await Task.detached { () -> String? in
            do {
                try await client.rollbackTransaction(transactionId)
                return nil
            } catch {
                return "\(error)"
            }
        }.value
        if let outcome {
            logger.debug(
                "rollback failed; the service rolls the transaction back after 3 idle minutes",
                metadata: ["transaction-id": "\(transactionId)", "error": "\(outcome)", "reason": "\(reason)"])
        }
    }
}
