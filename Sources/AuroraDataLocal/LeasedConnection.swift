import AuroraDatabaseDrivers
import Synchronization

/// A database connection with the id the Data API reports as `dbConnectionId`, holding one place under its
/// cluster's connection cap until it is closed.
final class NumberedConnection: Sendable {
    private static let counter = Atomic<Int64>(0)

    let id: Int64
    let connection: any DatabaseConnection
    private let closed = Atomic<Bool>(false)
    private let onClose: @Sendable () -> Void

    /// - Parameter onClose: called once, when ``close()`` is first called (gives the place back).
    init(_ connection: any DatabaseConnection, onClose: @escaping @Sendable () -> Void = {}) {
        self.id = Self.counter.add(1, ordering: .relaxed).newValue
        self.connection = connection
        self.onClose = onClose
    }

    /// Closes the database connection (the server rolls back an open transaction) and gives its place back; the
    /// first call only.
    func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        connection.close()
        onClose()
    }
}

/// A connection lent to one call, and what to do when the call (or a statement that outlives it because
/// of `continueAfterTimeout`) is done with it.
struct LeasedConnection: Sendable {
    let connection: NumberedConnection
    /// Called with the statement's failure, or nil when it succeeded.
    let release: @Sendable (_ failure: DatabaseFailure?) async -> Void
}
