import AuroraDatabaseDrivers
import AuroraDatabaseServers

/// Throwaway PostgreSQL and MariaDB servers shared by every test in a test process: each engine's server
/// starts on first use and is stopped when the process exits (best effort, see `LocalDatabaseServer`).
public enum DatabaseServers {
    private actor Registry {
        var starts: [DatabaseEngine: Task<LocalDatabaseServer, any Error>] = [:]
        var counter = 0

        func server(_ engine: DatabaseEngine) -> Task<LocalDatabaseServer, any Error> {
            if let start = starts[engine] { return start }
            let start = Task { () throws -> LocalDatabaseServer in try await LocalDatabaseServer.start(engine) }
            starts[engine] = start
            return start
        }

        func nextNumber() -> Int {
            counter += 1
            return counter
        }
    }

    private static let registry = Registry()

    /// The shared server of `engine`, started on first call.
    public static func server(_ engine: DatabaseEngine) async throws -> LocalDatabaseServer {
        try await registry.server(engine).value
    }

    /// A new, empty database on the shared server of `engine` (named `<prefix>_<n>_<random>`), so tests
    /// running in parallel do not see each other's tables.
    public static func freshDatabase(_ engine: DatabaseEngine, prefix: String = "test") async throws -> FreshDatabase {
        let server = try await server(engine)
        let name = "\(prefix)_\(await registry.nextNumber())_\(UInt32.random(in: 0...UInt32.max))"
        try await server.createDatabase(name)
        return FreshDatabase(server: server, name: name)
    }

    /// A database created for one test.
    public struct FreshDatabase: Sendable {
        public let server: LocalDatabaseServer
        public let name: String

        public var backend: any DatabaseBackend { server.backend }
        public var credentials: DatabaseCredentials { server.address.credentials }

        /// A connection to this database as the superuser.
        public func connect() async throws -> any DatabaseConnection {
            try await backend.connect(database: name, credentials: credentials)
        }
    }
}
