#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPIModel
import AuroraDatabaseDrivers

/// The open transactions, each on its own connection, with the Serverless v2 rules: one statement at a
/// time per transaction ("Transaction is still running a query"), rolled back after an idle timeout
/// (3 minutes) or a maximum life (24 hours), and `TransactionNotFoundException` for ids that are unknown,
/// ended or expired. (BeginTransaction, https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BeginTransaction.html)
///
/// A transaction the database ended (a MySQL deadlock or lock wait timeout, a lost connection) leaves the
/// registry at once, and its id then answers why, so nothing sent with it later runs in autocommit mode.
/// Time comes from the endpoint's clock (``LocalEndpointConfiguration/now``): a transaction found expired is
/// refused even before the reaper has rolled it back.
actor TransactionRegistry {
    private struct Entry {
        var resourceArn: String
        var secretArn: String
        var connection: NumberedConnection
        var started: Date
        var lastUsed: Date
        var busy: Bool
        /// The Data API message of the first statement that failed in the transaction, while it stays open
        /// (PostgreSQL: a failed transaction can only roll back).
        var failure: String?
    }

    /// What the registry needs from the endpoint's configuration.
    struct Settings: Sendable {
        var idleTimeout: Duration
        var maxLifetime: Duration
        var maxPerCluster: Int
        var now: @Sendable () -> Date
    }

    private var entries: [String: Entry] = [:]
    /// Why recently ended transactions ended, by id, oldest first in `endedOrder` (at most `endedMemory`).
    private var ended: [String: String] = [:]
    private var endedOrder: [String] = []
    private let endedMemory = 1024
    private let settings: Settings

    init(_ settings: Settings) {
        self.settings = settings
    }

    /// The answer for an id that is not (or no longer) open; `reason` says why when the endpoint ended it.
    static func notFound(_ id: String, reason: String? = nil) -> DataAPIError {
        guard let reason else {
            return DataAPIError(
                code: .transactionNotFound,
                message: "Transaction \(id) is not found. It was committed, rolled back, or expired after being idle; "
                    + "begin a new transaction."
            )
        }
        return DataAPIError(code: .transactionNotFound, message: "Transaction \(id) is not found: \(reason)")
    }

    static let stillRunning = DataAPIError(code: .databaseError, message: "Transaction is still running a query")

    /// Registers a transaction begun on `connection` and returns its new id; refuses past the cluster's cap
    /// (the caller closes the connection).
    func add(_ connection: NumberedConnection, resourceArn: String, secretArn: String, engine: DatabaseEngine)
        throws(DataAPIError) -> String
    {
        let open = entries.values.count(where: { $0.resourceArn == resourceArn })
        guard open < settings.maxPerCluster else {
            throw .outOfConnections(
                engine: engine,
                cap: "the local endpoint allows \(settings.maxPerCluster) open transactions per cluster; commit or "
                    + "roll back one, or raise --max-transactions"
            )
        }
        var bytes = [UInt8](repeating: 0, count: 96)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let id = Data(bytes).base64EncodedString()
        let now = settings.now()
        entries[id] = Entry(
            resourceArn: resourceArn, secretArn: secretArn, connection: connection, started: now, lastUsed: now,
            busy: false
        )
        return id
    }

    /// Marks the transaction busy for one statement and returns its connection.
    func acquire(_ id: String, resourceArn: String, secretArn: String) throws(DataAPIError) -> NumberedConnection {
        var entry = try usable(id, resourceArn: resourceArn, secretArn: secretArn)
        entry.busy = true
        entry.lastUsed = settings.now()
        entries[id] = entry
        return entry.connection
    }

    /// Ends a statement of the transaction that succeeded.
    func release(_ id: String) {
        entries[id]?.busy = false
        entries[id]?.lastUsed = settings.now()
    }

    /// Ends a statement of the transaction that failed with `message`, given where the database left the
    /// transaction: still open (kept), failed (kept, remembering the first failure for the commit), or ended
    /// or lost (removed at once, its connection closed, its id answering why).
    func statementFailed(_ id: String, message: String, state: DatabaseTransactionState) {
        guard var entry = entries[id] else { return }
        switch state {
        case .open, .failed:
            entry.busy = false
            entry.lastUsed = settings.now()
            if state == .failed, entry.failure == nil { entry.failure = message }
            entries[id] = entry
        case .none:
            // AWS's wording for this case is not documented; the message says what happened and what to do.
            end(
                id,
                reason: "the database ended it when a statement failed (a deadlock or a lock wait timeout rolls the "
                    + "transaction back). Nothing sent with this id since then was run; begin a new transaction. "
                    + "The statement's error: \(message)"
            )
        case .lost:
            end(
                id,
                reason: "its database connection was lost, so the database rolled it back. Begin a new transaction. "
                    + "The error: \(message)"
            )
        }
    }

    /// Takes the transaction out of the registry to commit or roll it back; also returns the first failure a
    /// statement had in it, if the transaction stayed open after it.
    func remove(_ id: String, resourceArn: String, secretArn: String) throws(DataAPIError)
        -> (connection: NumberedConnection, failure: String?)
    {
        let entry = try usable(id, resourceArn: resourceArn, secretArn: secretArn)
        entries[id] = nil
        return (entry.connection, entry.failure)
    }

    /// Takes out a transaction that a refused result aborted; the caller rolls its connection back.
    func discard(_ id: String) -> NumberedConnection? {
        entries.removeValue(forKey: id)?.connection
    }

    /// Removes the transactions idle for longer than the idle timeout or older than the maximum life, and
    /// returns their connections so the caller rolls them back.
    func expire() -> [NumberedConnection] {
        let now = settings.now()
        var expired: [NumberedConnection] = []
        for (id, entry) in entries where !entry.busy {
            if let reason = expiry(of: entry, at: now) {
                expired.append(entry.connection)
                entries[id] = nil
                remember(id, reason: reason)
            }
        }
        return expired
    }

    /// The transactions no statement is running in, with their connections (to check them).
    func idle() -> [(id: String, connection: NumberedConnection)] {
        entries.filter { !$0.value.busy }.map { (id: $0.key, connection: $0.value.connection) }
    }

    /// Ends a transaction found without a connection while idle.
    func connectionLost(_ id: String, connection: NumberedConnection) {
        guard let entry = entries[id], entry.connection === connection, !entry.busy else { return }
        end(id, reason: "its database connection was lost (the server restarted or ended the session), so the "
            + "database rolled it back. Begin a new transaction.")
    }

    func hasTransactions(resourceArn: String) -> Bool {
        entries.values.contains { $0.resourceArn == resourceArn }
    }

    /// Removes every transaction (server stop) and returns the connections.
    func removeAll() -> [NumberedConnection] {
        defer { entries = [:] }
        return entries.values.map(\.connection)
    }

    // MARK: - Steps

    /// The open, idle, unexpired entry `id` names for these ARNs. An expired one is ended here.
    private func usable(_ id: String, resourceArn: String, secretArn: String) throws(DataAPIError) -> Entry {
        guard let entry = entries[id], entry.resourceArn == resourceArn, entry.secretArn == secretArn else {
            throw Self.notFound(id, reason: ended[id])
        }
        if entry.busy { throw Self.stillRunning }
        if let reason = expiry(of: entry, at: settings.now()) {
            end(id, reason: reason)
            throw Self.notFound(id, reason: reason)
        }
        return entry
    }

    /// Why `entry` has expired at `now`, or nil.
    private func expiry(of entry: Entry, at now: Date) -> String? {
        if now.timeIntervalSince(entry.lastUsed) > settings.idleTimeout.seconds {
            return "it was rolled back after \(settings.idleTimeout) without a call. Begin a new transaction."
        }
        if now.timeIntervalSince(entry.started) > settings.maxLifetime.seconds {
            return "it was rolled back after reaching the maximum life of \(settings.maxLifetime). "
                + "Begin a new transaction."
        }
        return nil
    }

    /// Removes `id`, closes its connection (the database rolls back what is left) and remembers why.
    private func end(_ id: String, reason: String) {
        entries.removeValue(forKey: id)?.connection.close()
        remember(id, reason: reason)
    }

    private func remember(_ id: String, reason: String) {
        if ended.updateValue(reason, forKey: id) == nil { endedOrder.append(id) }
        if endedOrder.count > endedMemory { ended[endedOrder.removeFirst()] = nil }
    }
}

extension Duration {
    /// The duration in seconds, for arithmetic with `Date`.
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
