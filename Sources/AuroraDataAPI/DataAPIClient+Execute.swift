import AuroraDataAPIModel

extension DataAPIClient {
    /// Runs one statement with interpolated values bound as parameters:
    /// `try await client.execute("DELETE FROM posts WHERE id = \(id)")`.
    ///
    /// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html
    /// - Parameters:
    ///   - query: SQL with bound parameters (see ``SQLQuery``).
    ///   - options: Metadata, timeout, result-format and database options.
    /// - Throws: `DataAPIError` or `CancellationError`.
    @discardableResult
    public func execute(_ query: SQLQuery, options: ExecuteOptions = ExecuteOptions()) async throws
        -> ExecuteStatementResponse
    {
        try await execute(query, options: options, transactionId: nil)
    }

    func execute(_ query: SQLQuery, options: ExecuteOptions, transactionId: String?) async throws
        -> ExecuteStatementResponse
    {
        try await executeStatement(executeRequest(query, options: options, transactionId: transactionId))
    }

    /// The ExecuteStatement request for `query`: the client's ARNs and database, parameters only when there are
    /// some, boolean options only when true.
    func executeRequest(_ query: SQLQuery, options: ExecuteOptions, transactionId: String?) -> ExecuteStatementRequest {
        ExecuteStatementRequest(
            resourceArn: configuration.resourceArn, secretArn: configuration.secretArn, sql: query.sql,
            database: options.database ?? configuration.database, schema: options.schema,
            parameters: query.parameters.isEmpty ? nil : query.parameters, transactionId: transactionId,
            includeResultMetadata: options.includeResultMetadata ? true : nil,
            continueAfterTimeout: options.continueAfterTimeout ? true : nil,
            resultSetOptions: options.resultSetOptions, formatRecordsAs: options.formatRecordsAs)
    }
}
