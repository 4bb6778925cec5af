import AuroraDataAPI
import AuroraSQLKit
import Synchronization

/// The engine of a Fluent configuration: the one given, or the one the cluster names on the first ask. Detection
/// starts when the driver is made, so it is usually done before the first query; every query path awaits it.
final class AuroraEngineResolver: Sendable {
    private let detection: Task<AuroraSQLEngine, any Error>?
    private let given: AuroraSQLEngine?
    private let detected = Mutex<AuroraSQLEngine?>(nil)

    init(client: DataAPIClient, given: AuroraSQLEngine?) {
        self.given = given
        detection = given == nil ? Task { try await AuroraSQLEngine.detect(using: client) } : nil
    }

    /// The engine, detecting it first when it was not given.
    func resolve() async throws -> AuroraSQLEngine {
        if let known { return known }
        let engine = try await detection!.value
        detected.withLock { $0 = engine }
        return engine
    }

    /// The engine when it is known already. Before detection ends, SQL built outside a query (an SQLKit builder
    /// that reads the dialect before it runs) is built for PostgreSQL: give the engine to avoid that.
    var known: AuroraSQLEngine? { given ?? detected.withLock { $0 } }
}
