/// A PostgreSQL server reached over TCP with libpq: Aurora PostgreSQL as the Data API presents it
/// (values and `columnMetadata` as through pgjdbc; RDS Data API guide, "Data API type mapping").
public struct PostgreSQLBackend: DatabaseBackend {
    public let host: String
    public let port: Int
    /// Seconds libpq waits for the server when connecting.
    public var connectTimeout: Int

    public init(host: String, port: Int, connectTimeout: Int = 10) {
        self.host = host
        self.port = port
        self.connectTimeout = connectTimeout
    }

    public var engine: DatabaseEngine { .postgresql }

    /// Opens a session with `TimeZone=UTC` and `DateStyle=ISO` (the database defaults to `postgres`).
    public func connect(database: String?, credentials: DatabaseCredentials) async throws(DatabaseFailure) -> any DatabaseConnection {
        try await PostgreSQLConnection.open(
            host: host, port: port, database: database ?? "postgres", credentials: credentials,
            connectTimeout: connectTimeout)
    }
}
