import AuroraDataAPIModel

// The five Data API operations, one call each, taking the model's request shapes member for member.

extension DataAPIClient {
    /// Runs one SQL statement: `POST /Execute`.
    ///
    /// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html
    /// - Throws: `DataAPIError` (service errors, `outcomeUnknown`, `deadlineExceeded`, ...) or `CancellationError`.
    public func executeStatement(_ request: ExecuteStatementRequest) async throws -> ExecuteStatementResponse {
        let body = try await send(.executeStatement, request)
        return try Self.decodeResponse(.executeStatement) { try ExecuteStatementResponse(json: body) }
    }

    /// Runs one DML statement once per parameter set in a single request: `POST /BatchExecute`.
    /// Does not split large batches; ``batchExecute(_:parameterSets:transactionId:)`` does.
    ///
    /// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BatchExecuteStatement.html
    public func batchExecuteStatement(_ request: BatchExecuteStatementRequest) async throws -> BatchExecuteStatementResponse {
        let body = try await send(.batchExecuteStatement, request)
        return try Self.decodeResponse(.batchExecuteStatement) { try BatchExecuteStatementResponse(json: body) }
    }

    /// Starts a transaction and returns its id: `POST /BeginTransaction`. The transaction is rolled back by the
    /// service after 3 minutes without a call using its id, and after 24 hours in any case.
    ///
    /// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BeginTransaction.html
    /// - Parameters:
    ///   - database: Overrides the client's database.
    ///   - schema: Sent only when set (not supported on Serverless v2 and provisioned clusters).
    public func beginTransaction(database: String? = nil, schema: String? = nil) async throws -> String {
        let request = BeginTransactionRequest(
            resourceArn: configuration.resourceArn, secretArn: configuration.secretArn,
            database: database ?? configuration.database, schema: schema)
        let body = try await send(.beginTransaction, request)
        let response = try Self.decodeResponse(.beginTransaction) { try BeginTransactionResponse(json: body) }
        guard let id = response.transactionId, !id.isEmpty else {
            throw DataAPIError(
                code: .malformedResponse, message: "BeginTransaction answered without a transactionId.")
        }
        return id
    }

    /// Commits a transaction: `POST /CommitTransaction`. Returns the service's status text
    /// (e.g. `Transaction Committed`).
    ///
    /// On Aurora PostgreSQL a transaction in which a statement failed cannot be committed: PostgreSQL rolls it back
    /// instead. The Data API still answers 200 `Transaction Committed`, so a successful return does not prove the
    /// changes were kept; after a statement of the transaction failed, call ``rollbackTransaction(_:)`` (or use
    /// ``withTransaction(database:_:)``, which rolls back when its body throws). Aurora MySQL keeps the transaction
    /// open after most statement errors (not after a deadlock) and commits what succeeded.
    ///
    /// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_CommitTransaction.html
    @discardableResult
    public func commitTransaction(_ transactionId: String) async throws -> String? {
        try await endTransaction(.commitTransaction, transactionId)
    }

    /// Rolls back a transaction: `POST /RollbackTransaction`. Returns the service's status text
    /// (e.g. `Rollback Complete`).
    ///
    /// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_RollbackTransaction.html
    @discardableResult
    public func rollbackTransaction(_ transactionId: String) async throws -> String? {
        try await endTransaction(.rollbackTransaction, transactionId)
    }

    private func endTransaction(_ operation: DataAPIOperation, _ transactionId: String) async throws -> String? {
        let request = EndTransactionRequest(
            resourceArn: configuration.resourceArn, secretArn: configuration.secretArn, transactionId: transactionId)
        let body = try await send(operation, request)
        return try Self.decodeResponse(operation) { try EndTransactionResponse(json: body) }.transactionStatus
    }

    /// Runs a response parser, reporting failures as `malformedResponse`.
    static func decodeResponse<Response>(
        _ operation: DataAPIOperation, _ parse: () throws -> Response
    ) throws(DataAPIError) -> Response {
        do {
            return try parse()
        } catch let error as DataAPIError {
            throw error
        } catch {
            throw DataAPIError(
                code: .malformedResponse,
                message: "The \(operation.rawValue) answer could not be read: \(error). The endpoint may not be a Data API endpoint.")
        }
    }
}
