import AuroraDataAPIModel

extension DataAPIClient {
    /// The largest HTTP request the Data API accepts, headers included (BatchExecuteStatement: 4 MiB).
    public static let maxRequestBytes = 4 * 1024 * 1024

    /// Room kept for the request line and headers (signature, session token) next to the JSON body.
    static let headerAllowance = 16 * 1024

    /// Runs one DML statement once per parameter set, in as many BatchExecuteStatement requests as needed to keep
    /// each request under the 4 MiB limit, and returns the update results of all sets in order.
    ///
    /// Without a `transactionId` each request commits on its own: if a later request fails, earlier ones stay
    /// committed. Run it inside ``withTransaction(database:_:)`` to make the whole batch atomic.
    ///
    /// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BatchExecuteStatement.html
    /// - Parameters:
    ///   - query: The statement (no trailing `;`); its own parameters, if any, are added to every set.
    ///   - parameterSets: One list of parameters per run. An empty list sends one run without parameters.
    ///   - transactionId: Runs the batch in this transaction.
    /// - Throws: `DataAPIError` `invalidRequest` when one parameter set alone exceeds the limit, service errors,
    ///   or `CancellationError`.
    @discardableResult
    public func batchExecute(
        _ query: SQLQuery, parameterSets: [[SqlParameter]], transactionId: String? = nil
    ) async throws -> [UpdateResult] {
        let requests = try batchRequests(query, parameterSets: parameterSets, transactionId: transactionId)
        var results: [UpdateResult] = []
        results.reserveCapacity(parameterSets.count)
        for request in requests {
            let response = try await batchExecuteStatement(request)
            results += response.updateResults ?? []
        }
        return results
    }

    /// Splits the parameter sets into requests whose encoded JSON body, plus ``headerAllowance``, fits
    /// ``maxRequestBytes``. Sizes are measured: the body is `base` (the request with `"parameterSets":[]`)
    /// plus each set's encoded size plus one comma between sets.
    func batchRequests(
        _ query: SQLQuery, parameterSets: [[SqlParameter]], transactionId: String?,
        limit: Int = DataAPIClient.maxRequestBytes - DataAPIClient.headerAllowance
    ) throws(DataAPIError) -> [BatchExecuteStatementRequest] {
        let sets = parameterSets.isEmpty ? [[]] : parameterSets.map { query.parameters + $0 }
        let template = BatchExecuteStatementRequest(
            resourceArn: configuration.resourceArn, secretArn: configuration.secretArn, sql: query.sql,
            database: configuration.database, parameterSets: [], transactionId: transactionId)
        let baseSize = try Self.encode(template).count
        var requests: [BatchExecuteStatementRequest] = []
        var current: [[SqlParameter]] = []
        var currentSize = baseSize
        for (index, set) in sets.enumerated() {
            let setSize = try Self.encode(set).count
            guard baseSize + setSize <= limit else {
                throw DataAPIError(
                    code: .invalidRequest,
                    message: "Parameter set \(index + 1) alone makes a \(baseSize + setSize)-byte request; the Data API "
                        + "accepts at most \(DataAPIClient.maxRequestBytes) bytes per request. Store large values "
                        + "with separate ExecuteStatement calls or outside the database.")
            }
            if !current.isEmpty, currentSize + 1 + setSize > limit {
                requests.append(with(template) { $0.parameterSets = current })
                current = []
                currentSize = baseSize
            }
            currentSize += setSize + (current.isEmpty ? 0 : 1)
            current.append(set)
        }
        requests.append(with(template) { $0.parameterSets = current })
        return requests
    }
}

/// A copy of `value` changed by `change`.
private func with<Value>(_ value: Value, _ change: (inout Value) -> Void) -> Value {
    var copy = value
    change(&copy)
    return copy
}
