import AuroraDataAPIModel
import Logging

extension Migrator {
    /// The PostgreSQL advisory lock key (the ASCII of `auroramg`), split as `pg_locks` shows it.
    static let advisoryLockKey: Int64 = 0x6175_726F_7261_6D67

    /// PostgreSQL: takes the transaction-scoped advisory lock inside `transactionId`, retrying
    /// `pg_try_advisory_xact_lock` until `lockTimeout`. Released by the transaction's commit or rollback —
    /// also when this process dies (the Data API rolls an idle transaction back after 3 minutes).
    func acquireAdvisoryLock(transactionId: String) async throws {
        let deadline = options.now() + options.lockTimeout
        var reported = false
        while true {
            let response = try await database.execute(
                "SELECT pg_try_advisory_xact_lock(:key)",
                parameters: [.init(name: "key", value: .long(Self.advisoryLockKey))], transactionId: transactionId)
            if response.records?.first?.first?.boolean == true { return }
            if !reported {
                events(.waitingForLock(holder: (try? await advisoryLockHolder(transactionId: transactionId)) ?? "unknown"))
                reported = true
            }
            guard options.now() < deadline else {
                let holder = (try? await advisoryLockHolder(transactionId: transactionId)) ?? "unknown"
                throw MigrationError(
                    code: .lockTimeout,
                    message: "Another run holds the lock (owner \(holder), expires when its transaction ends); "
                        + "waited \(options.lockTimeout). Try again later or raise --lock-timeout.")
            }
            try await options.sleep(options.lockPollInterval)
        }
    }

    /// Who holds the advisory lock: backend pid, user, application and transaction start.
    private func advisoryLockHolder(transactionId: String) async throws -> String {
        let response = try await database.execute(
            """
            SELECT a.pid, COALESCE(a.usename::text, ''), COALESCE(a.application_name, ''), a.xact_start::text
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = :high AND l.objid::bigint = :low
              AND l.objsubid = 1
            """,
            parameters: [
                .init(name: "high", value: .long(Self.advisoryLockKey >> 32)),
                .init(name: "low", value: .long(Self.advisoryLockKey & 0xFFFF_FFFF)),
            ],
            transactionId: transactionId)
        guard let row = response.records?.first, row.count == 4 else { return "unknown" }
        let application = row[2].text.map { $0.isEmpty ? "" : ", \($0)" } ?? ""
        return "PostgreSQL backend pid \(row[0].text ?? "?") (user \(row[1].text ?? "?")\(application)), "
            + "in a transaction since \(row[3].text ?? "?")"
    }

    /// MySQL: takes the lease, retrying until `lockTimeout`.
    func acquireLease(_ lease: MigrationLease) async throws {
        let deadline = options.now() + options.lockTimeout
        var reported = false
        while try await !lease.tryAcquire() {
            let holder = try await lease.holder()
            let description = holder.map { "\($0.owner), expires \($0.expiresAt) UTC" } ?? "unknown"
            if !reported {
                events(.waitingForLock(holder: description))
                reported = true
            }
            guard options.now() < deadline else {
                throw MigrationError(
                    code: .lockTimeout,
                    message: "Another run holds the lock (owner \(holder?.owner ?? "unknown"), expires "
                        + "\(holder?.expiresAt ?? "?") UTC); waited \(options.lockTimeout). Try again later or raise "
                        + "--lock-timeout. A lease of a run that died expires by itself.")
            }
            try await options.sleep(options.lockPollInterval)
        }
        logger.debug("lease acquired", metadata: ["owner": "\(lease.owner)"])
    }

    func makeLease() -> MigrationLease {
        let seconds = max(1, Int(options.lockTTL.components.seconds))
        return MigrationLease(database: database, owner: leaseOwner(), ttlSeconds: seconds)
    }

    /// Runs `body` while holding the migration lock: on PostgreSQL inside one transaction that holds the
    /// advisory lock (`body` gets its id and the commit happens after it), on MySQL under the lease (`body` gets
    /// nil and runs auto-committed statements).
    func withExclusiveAccess<T: Sendable>(
        engine: MigrationEngine, history: MigrationHistory,
        _ body: (_ transactionId: String?, _ lease: MigrationLease?) async throws -> T
    ) async throws -> T {
        switch engine {
        case .postgresql:
            let transactionId = try await database.beginTransaction()
            do {
                try await acquireAdvisoryLock(transactionId: transactionId)
                let result = try await body(transactionId, nil)
                try await database.commitTransaction(transactionId)
                return result
            } catch {
                try? await database.rollbackTransaction(transactionId)
                throw error
            }
        case .mysql:
            let lease = makeLease()
            try await lease.create()
            try await acquireLease(lease)
            do {
                let result = try await body(nil, lease)
                try await lease.release()
                return result
            } catch {
                try? await lease.release()
                throw error
            }
        }
    }
}
