/// A MySQL or MariaDB server reached over TCP with libmariadb: Aurora MySQL as the Data API presents it
/// (values and `columnMetadata` as through the MySQL JDBC driver; RDS Data API guide, "Data API type mapping").
public struct MySQLBackend: DatabaseBackend {
    public let host: String
    public let port: Int
    /// Seconds libmariadb waits for the server when connecting.
    public var connectTimeout: Int

    public init(host: String, port: Int, connectTimeout: Int = 10) {
        self.host = host
        self.port = port
        self.connectTimeout = connectTimeout
    }

    public var engine: DatabaseEngine { .mysql }

    /// Opens a session with `time_zone = '+00:00'`, `utf8mb4` and, on MariaDB 10.4+, `TIME_ROUND_FRACTIONAL` in
    /// `sql_mode` (fractional seconds round as on MySQL).
    public func connect(database: String?, credentials: DatabaseCredentials) async throws(DatabaseFailure) -> any DatabaseConnection {
        try await MySQLConnection.open(
            host: host, port: port, database: database, credentials: credentials, connectTimeout: connectTimeout)
    }
}
