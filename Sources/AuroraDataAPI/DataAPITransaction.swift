import AuroraDataAPIModel

/// A transaction opened by ``DataAPIClient/withTransaction(database:_:)``: statements run with its
/// `transactionId`, one at a time (concurrent calls wait their turn).
///
/// Implements the transaction calls of https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.html
/// Do not keep it beyond the closure: it is committed or rolled back when the closure returns.
public struct DataAPITransaction: Sendable {
    /// The id from BeginTransaction.
    public let id: String
    let client: DataAPIClient
    let lock = TransactionLock()

    init(id: String, client: DataAPIClient) {
        self.id = id
        self.client = client
    }

    /// Runs one statement in the transaction. See ``DataAPIClient/execute(_:options:)``.
    @discardableResult
    public func execute(_ query: SQLQuery, options: ExecuteOptions = ExecuteOptions()) async throws
        -> ExecuteStatementResponse
    {
        try await serialized { try await client.execute(query, options: options, transactionId: id) }
    }

    /// Runs a statement and decodes its rows. See ``DataAPIClient/query(_:_:options:decoding:)``.
    public func query<Record: Decodable>(
        _ type: Record.Type, _ query: SQLQuery, options: ExecuteOptions = ExecuteOptions(),
        decoding: RecordDecodingOptions = RecordDecodingOptions()
    ) async throws -> [Record] {
        var options = options
        options.includeResultMetadata = true
        return try await execute(query, options: options).decode(type, options: decoding)
    }

    /// Runs a batch in the transaction, split as needed. See ``DataAPIClient/batchExecute(_:parameterSets:transactionId:)``.
    @discardableResult
    public func batchExecute(_ query: SQLQuery, parameterSets: [[SqlParameter]]) async throws -> [UpdateResult] {
        try await serialized { try await client.batchExecute(query, parameterSets: parameterSets, transactionId: id) }
    }

    /// Waits for the calls before it, then runs `body`.
    private func serialized<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        await lock.acquire()
        if await lock.finished {
            await lock.release()
            throw DataAPIError(
                code: .invalidRequest,
                message: "Transaction \(id) has already ended; run statements inside the withTransaction closure.")
        }
        do {
            let result = try await body()
            await lock.release()
            return result
        } catch {
            await lock.release()
            throw error
        }
    }

    /// Waits for running calls, then marks the transaction ended so later calls are refused.
    func finish() async {
        await lock.acquire()
        await lock.release(finishing: true)
    }
}
