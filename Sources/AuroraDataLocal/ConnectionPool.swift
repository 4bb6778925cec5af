/// Idle connections for calls outside transactions, one stack per (cluster, database, secret): such a
/// call runs in autocommit mode on a pooled connection, as the Data API does.
actor ConnectionPool {
    struct Key: Hashable, Sendable {
        var resourceArn: String
        var database: String?
        var secretArn: String
    }

    private var idle: [Key: [NumberedConnection]] = [:]
    private let maxIdlePerKey: Int

    init(maxIdlePerKey: Int = 16) {
        self.maxIdlePerKey = maxIdlePerKey
    }

    /// An idle connection for `key`, or nil when the caller must open one.
    func take(_ key: Key) -> NumberedConnection? {
        idle[key]?.popLast()
    }

    func put(_ connection: NumberedConnection, for key: Key) {
        if idle[key, default: []].count < maxIdlePerKey {
            idle[key, default: []].append(connection)
        } else {
            connection.close()
        }
    }

    /// Closes one idle connection of `resourceArn` to make room under its cap; false when it has none.
    func closeOne(resourceArn: String) -> Bool {
        guard let key = idle.first(where: { $0.key.resourceArn == resourceArn && !$0.value.isEmpty })?.key,
            let connection = idle[key]?.popLast()
        else { return false }
        connection.close()
        return true
    }

    /// Closes the idle connections of one cluster (auto-pause) or of all clusters (`resourceArn == nil`).
    func drain(resourceArn: String? = nil) {
        for key in idle.keys where resourceArn == nil || key.resourceArn == resourceArn {
            for connection in idle[key] ?? [] { connection.close() }
            idle[key] = nil
        }
    }
}
