#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPIModel

/// The open transactions, each on its own connection, with the Serverless v2 rules: one statement at a
/// time per transaction ("Transaction is still running a query"), rolled back after an idle timeout
/// (3 minutes) or a maximum life (24 hours), and `TransactionNotFoundException` for ids that are unknown,
/// ended or expired. (BeginTransaction, https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BeginTransaction.html)
actor TransactionRegistry {
    private struct Entry {
        var resourceArn: String
        var secretArn: String
        var connection: NumberedConnection
        var started: ContinuousClock.Instant
        var lastUsed: ContinuousClock.Instant
        var busy: Bool
    }

    private var entries: [String: Entry] = [:]
    private let clock = ContinuousClock()

    static func notFound(_ id: String) -> DataAPIError {
        DataAPIError(
            code: .transactionNotFound,
            message: "Transaction \(id) is not found. It was committed, rolled back, or expired after being idle; "
                + "begin a new transaction."
        )
    }

    static let stillRunning = DataAPIError(code: .databaseError, message: "Transaction is still running a query")

    /// Registers a transaction begun on `connection` and returns its new id.
    func add(_ connection: NumberedConnection, resourceArn: String, secretArn: String) -> String {
        var bytes = [UInt8](repeating: 0, count: 96)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let id = Data(bytes).base64EncodedString()
        let now = clock.now
        entries[id] = Entry(
            resourceArn: resourceArn, secretArn: secretArn, connection: connection, started: now, lastUsed: now, busy: false
        )
        return id
    }

    /// Marks the transaction busy for one statement and returns its connection.
    func acquire(_ id: String, resourceArn: String, secretArn: String) throws(DataAPIError) -> NumberedConnection {
        guard var entry = entries[id], entry.resourceArn == resourceArn, entry.secretArn == secretArn else {
            throw Self.notFound(id)
        }
        if entry.busy { throw Self.stillRunning }
        entry.busy = true
        entry.lastUsed = clock.now
        entries[id] = entry
        return entry.connection
    }

    /// Ends a statement of the transaction.
    func release(_ id: String) {
        entries[id]?.busy = false
        entries[id]?.lastUsed = clock.now
    }

    /// Takes the transaction out of the registry to commit or roll it back.
    func remove(_ id: String, resourceArn: String, secretArn: String) throws(DataAPIError) -> NumberedConnection {
        guard let entry = entries[id], entry.resourceArn == resourceArn, entry.secretArn == secretArn else {
            throw Self.notFound(id)
        }
        if entry.busy { throw Self.stillRunning }
        entries[id] = nil
        return entry.connection
    }

    /// Takes out a transaction that a refused result aborted; the caller rolls its connection back.
    func discard(_ id: String) -> NumberedConnection? {
        entries.removeValue(forKey: id)?.connection
    }

    /// Removes the transactions idle for longer than `idleTimeout` or older than `maxLifetime`, and returns
    /// their connections so the caller rolls them back.
    func expire(idleTimeout: Duration, maxLifetime: Duration) -> [NumberedConnection] {
        let now = clock.now
        var expired: [NumberedConnection] = []
        for (id, entry) in entries where !entry.busy {
            if now - entry.lastUsed > idleTimeout || now - entry.started > maxLifetime {
                expired.append(entry.connection)
                entries[id] = nil
            }
        }
        return expired
    }

    func hasTransactions(resourceArn: String) -> Bool {
        entries.values.contains { $0.resourceArn == resourceArn }
    }

    /// Removes every transaction (server stop) and returns the connections.
    func removeAll() -> [NumberedConnection] {
        defer { entries = [:] }
        return entries.values.map(\.connection)
    }
}
