import AuroraDataAPI
import AuroraDataAPIModel

/// The Data API client as the migration tool's database: plain `ExecuteStatement` calls with the client's ARNs
/// and database, `continueAfterTimeout` on (AWS recommends it for DDL: the statement keeps running after the
/// 45 s call timeout instead of being cancelled half way), and the client's retries.
extension DataAPIClient: MigrationDatabase {
    public func execute(
        _ sql: String, parameters: [SqlParameter], transactionId: String?
    ) async throws -> ExecuteStatementResponse {
        try await executeStatement(
            ExecuteStatementRequest(
                resourceArn: configuration.resourceArn, secretArn: configuration.secretArn, sql: sql,
                database: configuration.database, parameters: parameters.isEmpty ? nil : parameters,
                transactionId: transactionId, continueAfterTimeout: true))
    }

    public func beginTransaction() async throws -> String {
        try await beginTransaction(database: nil, schema: nil)
    }

    public func commitTransaction(_ transactionId: String) async throws {
        _ = try await commitTransaction(transactionId) as String?
    }

    public func rollbackTransaction(_ transactionId: String) async throws {
        _ = try await rollbackTransaction(transactionId) as String?
    }
}
