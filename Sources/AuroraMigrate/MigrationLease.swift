import AuroraDataAPIModel

/// The MySQL migration lock: a lease row with an owner token and an expiry in `aurora_data_migrations_lock`.
///
/// Session locks (`GET_LOCK`) cannot be used through the RDS Data API: every call may run on a different pooled
/// session, and a lock taken in one call outlives it on whatever session ran it. A lease row needs no session:
/// it is taken with one conditional `UPDATE` (free, expired, or already ours), renewed while running, and
/// released at the end; a runner that dies leaves a lease that simply expires.
struct MigrationLease: Sendable {
    static let table = "aurora_data_migrations_lock"
    /// SQL assignments that renew the lease (used alone and inside the progress update).
    static let renewAssignments =
        "l.owner = :owner, l.expires_at = UTC_TIMESTAMP(3) + INTERVAL :ttl SECOND, l.renewals = l.renewals + 1"

    let database: any MigrationDatabase
    /// A token unique to this run, e.g. `alice@build-7 3F2A…`.
    let owner: String
    /// Seconds a lease lasts without renewal.
    let ttlSeconds: Int

    var parameters: [SqlParameter] {
        [.init(name: "owner", value: .string(owner)), .init(name: "ttl", value: .long(Int64(ttlSeconds)))]
    }

    /// Creates the lock table and its single row when missing.
    func create() async throws {
        _ = try await database.execute(
            """
            CREATE TABLE IF NOT EXISTS \(Self.table) (
                id INTEGER NOT NULL PRIMARY KEY,
                owner VARCHAR(255) NULL,
                expires_at DATETIME(3) NULL,
                renewals BIGINT NOT NULL DEFAULT 0
            )
            """,
            parameters: [], transactionId: nil)
        _ = try await database.execute(
            "INSERT IGNORE INTO \(Self.table) (id, owner, expires_at, renewals) VALUES (1, NULL, NULL, 0)",
            parameters: [], transactionId: nil)
    }

    /// One attempt: takes the lease when it is free, expired or already ours. `renewals` always changes, so the
    /// affected-row count is 1 exactly when the lease is ours (MySQL counts changed rows, not matched ones).
    func tryAcquire() async throws -> Bool {
        let response = try await database.execute(
            """
            UPDATE \(Self.table) l SET \(Self.renewAssignments)
            WHERE l.id = 1 AND (l.owner IS NULL OR l.expires_at < UTC_TIMESTAMP(3) OR l.owner = :owner)
            """,
            parameters: parameters, transactionId: nil)
        return response.numberOfRecordsUpdated == 1
    }

    /// Who holds the lease and until when (UTC), for the "another run holds the lock" message.
    func holder() async throws -> (owner: String, expiresAt: String)? {
        let response = try await database.execute(
            "SELECT owner, CAST(expires_at AS CHAR) FROM \(Self.table) WHERE id = 1", parameters: [], transactionId: nil)
        guard let row = response.records?.first, row.count == 2, let owner = row[0].text else { return nil }
        return (owner, row[1].text ?? "?")
    }

    /// Gives the lease up if it is still ours.
    func release() async throws {
        _ = try await database.execute(
            "UPDATE \(Self.table) SET owner = NULL, expires_at = NULL WHERE id = 1 AND owner = :owner",
            parameters: [.init(name: "owner", value: .string(owner))], transactionId: nil)
    }
}
