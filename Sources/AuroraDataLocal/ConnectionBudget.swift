import Synchronization

/// How many database connections each cluster (resourceArn) has open, against
/// ``LocalEndpointConfiguration/maxConnectionsPerCluster``: pooled, leased and transactions' connections alike.
final class ConnectionBudget: Sendable {
    private let limit: Int
    private let counts = Mutex<[String: Int]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a place for a new connection to `resourceArn`; false when the cluster is at its cap.
    func reserve(_ resourceArn: String) -> Bool {
        counts.withLock { counts in
            guard counts[resourceArn, default: 0] < limit else { return false }
            counts[resourceArn, default: 0] += 1
            return true
        }
    }

    /// Gives back a place taken by ``reserve(_:)``.
    func release(_ resourceArn: String) {
        counts.withLock { counts in
            let left = counts[resourceArn, default: 1] - 1
            counts[resourceArn] = left > 0 ? left : nil
        }
    }
}
