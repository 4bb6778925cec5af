import AuroraDatabaseDrivers
import Synchronization

/// A database connection with the id the Data API reports as `dbConnectionId`.
final class NumberedConnection: Sendable {
    private static let counter = Atomic<Int64>(0)

    let id: Int64
    let connection: any DatabaseConnection

    init(_ connection: any DatabaseConnection) {
        self.id = Self.counter.add(1, ordering: .relaxed).newValue
        self.connection = connection
    }
}

/// A connection lent to one call, and what to do when the call (or a statement that outlives it because
/// of `continueAfterTimeout`) is done with it.
struct LeasedConnection: Sendable {
    let connection: NumberedConnection
    /// `healthy == false` when the connection failed and must not be reused.
    let release: @Sendable (_ healthy: Bool) async -> Void
}
