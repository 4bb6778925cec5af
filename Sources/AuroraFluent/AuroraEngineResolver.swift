import AuroraDataAPI
import AuroraSQLKit
import Synchronization

/// The engine of a Fluent configuration: the one given, or the one the cluster names. Detection starts when the
/// driver is made, so it is usually done before the first query; every query path awaits it. A failed detection (a
/// cluster still resuming past the retry deadline, a credential not yet valid) is not kept: the next query asks again.
final class AuroraEngineResolver: Sendable {
    private enum State {
        case known(AuroraSQLEngine)
        case detecting(Task<AuroraSQLEngine, any Error>)
        case failed
    }

    private let detect: @Sendable () async throws -> AuroraSQLEngine
    private let state: Mutex<State>

    /// - Parameters:
    ///   - given: The engine, when the configuration names it: nothing is asked.
    ///   - detect: How to ask the cluster (`AuroraSQLEngine.detect(using:)`).
    init(given: AuroraSQLEngine?, detect: @escaping @Sendable () async throws -> AuroraSQLEngine) {
        self.detect = detect
        state = Mutex(given.map { .known($0) } ?? .detecting(Task { try await detect() }))
    }

    convenience init(client: DataAPIClient, given: AuroraSQLEngine?) {
        self.init(given: given) { try await AuroraSQLEngine.detect(using: client) }
    }

    /// The engine, waiting for (or starting again) the detection.
    func resolve() async throws -> AuroraSQLEngine {
        if let known { return known }
        let task: Task<AuroraSQLEngine, any Error> = state.withLock { state in
            switch state {
            case .known(let engine): return Task { engine }  // detected meanwhile
            case .detecting(let task): return task
            case .failed:
                let task = Task { try await detect() }
                state = .detecting(task)
                return task
            }
        }
        do {
            let engine = try await task.value
            state.withLock { $0 = .known(engine) }
            return engine
        } catch {
            state.withLock { state in
                if case .detecting = state { state = .failed }
            }
            throw error
        }
    }

    /// The engine when it is known already. Before detection ends, SQL built outside a query (an SQLKit builder
    /// that reads the dialect before it runs) is built for PostgreSQL: give the engine to avoid that.
    var known: AuroraSQLEngine? {
        state.withLock { state in
            if case .known(let engine) = state { return engine }
            return nil
        }
    }
}
