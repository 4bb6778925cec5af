import AuroraDataAPI
import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import AuroraSQLKit
import Dispatch
import Synchronization

/// A fresh database behind the shared local endpoint of an engine, with a client and an SQLKit database on it.
struct DriverFixture {
    let endpoint: LocalEndpointFixture
    let database: String
    let client: DataAPIClient
    let engine: AuroraSQLEngine

    static func make(_ engine: AuroraSQLEngine, prefix: String) async throws -> DriverFixture {
        let endpoint = try await LocalEndpointFixture.shared(engine == .postgresql ? .postgresql : .mysql)
        let database = try await endpoint.makeDatabase(prefix)
        return DriverFixture(endpoint: endpoint, database: database, client: endpoint.client(database: database), engine: engine)
    }

    /// SQLKit over the client, with the engine given.
    var sql: AuroraSQLDatabase { AuroraSQLDatabase(client: client, engine: engine) }
}

/// Runs async set-up from a synchronous test (one that must block on futures) and waits for it.
func waitFor<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let done = DispatchSemaphore(value: 0)
    let result = Mutex<Result<T, any Error>?>(nil)
    Task {
        let outcome: Result<T, any Error>
        do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
        result.withLock { $0 = outcome }
        done.signal()
    }
    done.wait()
    return try result.withLock { $0! }.get()
}
