import AuroraDataAPI
import Logging
import SQLKit

extension AuroraSQLDatabase {
    /// Runs one statement, hands each row to `onRow`, and returns the whole response: `numberOfRecordsUpdated`,
    /// and on MySQL the inserted auto-increment id in `generatedFields`.
    ///
    /// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html
    /// - Throws: ``AuroraSQLError`` for SQL the Data API cannot run as asked (several statements, a result over
    ///   its size limits, a value that cannot be bound), otherwise the call's `DataAPIError`.
    @discardableResult
    public func run(_ expression: any SQLExpression, _ onRow: @Sendable (any SQLRow) -> Void = { _ in }) async throws
        -> ExecuteStatementResponse
    {
        let (response, rows) = try await rows(expression)
        rows.forEach(onRow)
        return response
    }

    /// Runs one statement and returns the response with its rows. See ``run(_:_:)``.
    public func rows(_ expression: any SQLExpression) async throws -> (response: ExecuteStatementResponse, rows: [AuroraSQLRow]) {
        let (sql, binds) = serialize(engine.completingOffset(expression))
        try engine.checkSingleStatement(sql)
        let query = SQLQuery(unsafeSQL: sql, parameters: try AuroraSQLBinds.parameters(binds))
        if let queryLogLevel {
            logger.log(level: queryLogLevel, "\(sql)", metadata: ["binds": "\(binds.count)"])
        }
        let options = ExecuteOptions(includeResultMetadata: true)
        let response: ExecuteStatementResponse
        do {
            if let transaction {
                response = try await transaction.execute(query, options: options)
            } else {
                response = try await client.execute(query, options: options)
            }
        } catch let error as DataAPIError {
            throw Self.explainingLimits(error)
        }
        let resultSet = try response.resultSet
        guard resultSet.count > 0 else { return (response, []) }
        let columns = AuroraSQLRow.Columns(resultSet)
        return (response, (0..<resultSet.count).map { AuroraSQLRow(index: $0, columns: columns) })
    }

    /// The service's size-limit errors as ``AuroraSQLError``s that say what to do; other errors unchanged.
    static func explainingLimits(_ error: DataAPIError) -> any Error {
        if error.message.contains("response size limit") {
            return AuroraSQLError(
                code: .resultTooLarge,
                message: "The result is larger than the Data API's 1 MiB response limit (\(error.message)). "
                    + "Fetch it in pages: SQLKit's .limit(_:) and .offset(_:), Fluent's .paginate(_:) or "
                    + ".range(_:), or select fewer columns.")
        }
        if error.message.contains("Packet for query is too large") {
            return AuroraSQLError(
                code: .resultTooLarge,
                message: "A result row is larger than the Data API's 64 KB row limit (\(error.message)). "
                    + "Select fewer or smaller columns, or read large values in parts (substring).")
        }
        return error
    }
}
