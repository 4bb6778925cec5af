import AuroraDataAPI
import SQLKit

/// The database engine of an Aurora cluster, which decides the SQL dialect.
///
/// Give it when you know it (`AuroraSQLDatabase(client:engine:)`), or let ``detect(using:)`` ask the cluster once
/// (`SELECT version()`).
public enum AuroraSQLEngine: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Aurora PostgreSQL (and PostgreSQL behind the local endpoint).
    case postgresql
    /// Aurora MySQL (and MySQL or MariaDB behind the local endpoint).
    case mysql

    /// The SQLKit dialect of the engine: quoting, placeholders, `RETURNING`, upserts, enums, JSON paths.
    public var dialect: any SQLDialect {
        switch self {
        case .postgresql: AuroraPostgreSQLDialect()
        case .mysql: AuroraMySQLDialect()
        }
    }

    public var description: String { rawValue }

    /// Asks the cluster which engine it runs: one `SELECT version()` call. PostgreSQL's version text names
    /// PostgreSQL; MySQL's (and MariaDB's) is a bare version number.
    ///
    /// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html
    /// - Throws: the call's `DataAPIError`, or an ``AuroraSQLError`` with code `engineDetection` when the answer is
    ///   not a version text.
    public static func detect(using client: DataAPIClient) async throws -> AuroraSQLEngine {
        let response = try await client.execute("SELECT version()", options: ExecuteOptions(includeResultMetadata: false))
        guard case .string(let version)? = response.records?.first?.first else {
            throw AuroraSQLError(
                code: .engineDetection,
                message: "SELECT version() did not return a version text, so the engine is unknown; "
                    + "pass the engine explicitly (engine: .postgresql or .mysql).")
        }
        return version.contains("PostgreSQL") ? .postgresql : .mysql
    }
}
