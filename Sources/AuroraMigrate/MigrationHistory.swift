import AuroraDataAPIModel

/// The history table `aurora_data_migrations` and the SQL that reads and writes it. Every value is a bound
/// parameter; only the fixed table and column names are part of the SQL text. Times come from the database
/// clock, in UTC.
struct MigrationHistory: Sendable {
    static let table = "aurora_data_migrations"
    let engine: MigrationEngine
    let database: any MigrationDatabase

    private var now: String {
        engine == .postgresql ? "(clock_timestamp() AT TIME ZONE 'UTC')" : "UTC_TIMESTAMP(3)"
    }

    /// `CREATE TABLE IF NOT EXISTS`. Concurrent first runs on PostgreSQL can race on the catalog
    /// (`duplicate key … pg_type_typname_nsp_index`); the loser checks that the table exists and goes on.
    func create() async throws {
        let timestamp = engine == .postgresql ? "TIMESTAMP(3)" : "DATETIME(3)"
        let sql = """
            CREATE TABLE IF NOT EXISTS \(Self.table) (
                version INTEGER NOT NULL PRIMARY KEY,
                file VARCHAR(255) NOT NULL,
                checksum CHAR(64) NOT NULL,
                state VARCHAR(16) NOT NULL,
                transactional BOOLEAN NOT NULL,
                statements_applied INTEGER NOT NULL,
                statements_total INTEGER NOT NULL,
                started_at \(timestamp) NULL,
                finished_at \(timestamp) NULL,
                applied_by VARCHAR(255) NOT NULL,
                duration_ms BIGINT NULL,
                error TEXT NULL
            )
            """
        do {
            _ = try await database.execute(sql, parameters: [], transactionId: nil)
        } catch {
            guard (try? await records()) != nil else { throw error }
        }
    }

    /// Every row, by version.
    func records(transactionId: String? = nil) async throws -> [MigrationRecord] {
        let cast = engine == .postgresql ? "::text" : ""
        let response = try await database.execute(
            """
            SELECT version, file, checksum, state, transactional, statements_applied, statements_total,
                   started_at\(cast), finished_at\(cast), applied_by, duration_ms, error
            FROM \(Self.table) ORDER BY version
            """,
            parameters: [], transactionId: transactionId)
        return try (response.records ?? []).map(Self.record)
    }

    /// The row of one version, read inside the caller's transaction.
    func record(version: Int, transactionId: String?) async throws -> MigrationRecord? {
        try await records(transactionId: transactionId).first { $0.version == version }
    }

    private static func record(_ row: [Field]) throws(MigrationError) -> MigrationRecord {
        guard row.count == 12, let version = row[0].integer, let file = row[1].text, let checksum = row[2].text,
            let stateText = row[3].text, let state = MigrationRecord.State(rawValue: stateText),
            let transactional = row[4].boolean, let applied = row[5].integer, let total = row[6].integer,
            let appliedBy = row[9].text
        else {
            throw MigrationError(
                code: .unexpectedResponse,
                message: "A row of \(table) has an unexpected shape (\(row)). Was the table changed by hand?")
        }
        return MigrationRecord(
            version: Int(version), file: file, checksum: checksum, state: state, transactional: transactional,
            statementsApplied: Int(applied), statementsTotal: Int(total), startedAt: row[7].text,
            finishedAt: row[8].text, appliedBy: appliedBy, durationMs: row[10].integer, error: row[11].text)
    }

    // MARK: - Writes

    /// Inserts the row of a version about to run outside a transaction (`running`, nothing applied yet),
    /// replacing a `rolled_back` row of an earlier attempt.
    func insertRunning(
        _ script: MigrationScriptFile, total: Int, appliedBy: String, transactional: Bool, transactionId: String? = nil
    ) async throws {
        try await upsert(
            script, state: .running, applied: 0, total: total, appliedBy: appliedBy, transactional: transactional,
            finished: false, durationMs: nil, error: nil, transactionId: transactionId)
    }

    /// Writes the final row of a version: `applied`, `baseline` or `rolled_back`. Replaces only a `rolled_back`
    /// row (or the caller's own `running` row when `replacingRunning`), never an applied one.
    func upsert(
        _ script: MigrationScriptFile, state: MigrationRecord.State, applied: Int, total: Int, appliedBy: String,
        transactional: Bool, finished: Bool = true, durationMs: Int64?, error: String?, transactionId: String?
    ) async throws {
        let parameters: [SqlParameter] = [
            .init(name: "version", value: .long(Int64(script.version))),
            .init(name: "file", value: .string(script.fileName)),
            .init(name: "checksum", value: .string(script.checksum)),
            .init(name: "state", value: .string(state.rawValue)),
            .init(name: "transactional", value: .bool(transactional)),
            .init(name: "applied", value: .long(Int64(applied))),
            .init(name: "total", value: .long(Int64(total))),
            .init(name: "applied_by", value: .string(appliedBy)),
            .init(name: "duration_ms", value: durationMs.map { .long($0) } ?? .null),
            .init(name: "error", value: error.map { .string($0) } ?? .null),
        ]
        let started = engine == .postgresql ? "(now() AT TIME ZONE 'UTC')" : now
        let finishedAt = finished ? now : "NULL"
        let columns = """
            (version, file, checksum, state, transactional, statements_applied, statements_total, started_at,
             finished_at, applied_by, duration_ms, error)
            VALUES (:version, :file, :checksum, :state, :transactional, :applied, :total, \(started), \(finishedAt),
             :applied_by, :duration_ms, :error)
            """
        let sql: String
        switch engine {
        case .postgresql:
            sql = """
                INSERT INTO \(Self.table) AS h \(columns)
                ON CONFLICT (version) DO UPDATE SET file = EXCLUDED.file, checksum = EXCLUDED.checksum,
                  state = EXCLUDED.state, transactional = EXCLUDED.transactional,
                  statements_applied = EXCLUDED.statements_applied, statements_total = EXCLUDED.statements_total,
                  started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at,
                  applied_by = EXCLUDED.applied_by, duration_ms = EXCLUDED.duration_ms, error = EXCLUDED.error
                WHERE h.state = 'rolled_back'
                """
        case .mysql:
            sql = "INSERT INTO \(Self.table) \(columns)"
        }
        let response = try await database.execute(sql, parameters: parameters, transactionId: transactionId)
        if engine == .postgresql, response.numberOfRecordsUpdated == 0 {
            throw MigrationError(
                code: .invalidRequest,
                message: "Version \(script.version) (\(script.fileName)) already has a history row; another run "
                    + "recorded it first. Run `aurora-data migrate status` to see it.")
        }
    }

    /// Records progress of a version running outside a transaction: `applied` statements are committed.
    /// When `applied == total` the version becomes `applied`. On MySQL the same statement renews the lease
    /// (``MigrationLease``) and fails with `lockLost` when this run no longer owns it.
    func recordProgress(
        version: Int, applied: Int, total: Int, durationMs: Int64, lease: MigrationLease?
    ) async throws {
        let done = applied == total
        var parameters: [SqlParameter] = [
            .init(name: "version", value: .long(Int64(version))),
            .init(name: "applied", value: .long(Int64(applied))),
            .init(name: "duration_ms", value: .long(durationMs)),
        ]
        let prefix = lease == nil ? "" : "m."
        var set = "\(prefix)statements_applied = :applied, \(prefix)duration_ms = :duration_ms"
        if done { set += ", \(prefix)state = 'applied', \(prefix)finished_at = \(now)" }
        let sql: String
        if let lease {
            parameters += lease.parameters
            sql = """
                UPDATE \(Self.table) m JOIN \(MigrationLease.table) l ON l.id = 1 AND l.owner = :owner
                SET \(set), \(MigrationLease.renewAssignments)
                WHERE m.version = :version
                """
        } else {
            sql = "UPDATE \(Self.table) SET \(set) WHERE version = :version"
        }
        let response = try await database.execute(sql, parameters: parameters, transactionId: nil)
        if lease != nil, (response.numberOfRecordsUpdated ?? 0) == 0 {
            throw MigrationError(
                code: .lockLost,
                message: "This run's migration lock expired and another run took it while version \(version) was "
                    + "running (statement \(applied) of \(total) had just finished). Run `aurora-data migrate status`; "
                    + "raise --lock-ttl if single statements take longer.")
        }
    }

    /// Marks a version running outside a transaction as `failed` after `applied` committed statements.
    func recordFailure(version: Int, applied: Int, durationMs: Int64, error: String) async throws {
        _ = try await database.execute(
            """
            UPDATE \(Self.table) SET state = 'failed', statements_applied = :applied, duration_ms = :duration_ms,
              finished_at = \(now), error = :error WHERE version = :version
            """,
            parameters: [
                .init(name: "version", value: .long(Int64(version))),
                .init(name: "applied", value: .long(Int64(applied))),
                .init(name: "duration_ms", value: .long(durationMs)),
                .init(name: "error", value: .string(String(error.prefix(4000)))),
            ],
            transactionId: nil)
    }

    /// Deletes the row of one version (`repair --remove-failed`).
    func delete(version: Int, transactionId: String?) async throws {
        _ = try await database.execute(
            "DELETE FROM \(Self.table) WHERE version = :version",
            parameters: [.init(name: "version", value: .long(Int64(version)))], transactionId: transactionId)
    }

    /// Sets the stored checksum, file and state of a version (`repair`); a version marked applied counts all
    /// its statements as applied.
    func realign(
        version: Int, file: String, checksum: String, state: MigrationRecord.State, transactionId: String?
    ) async throws {
        let statements = state.isApplied ? ", statements_applied = statements_total, error = NULL" : ""
        _ = try await database.execute(
            "UPDATE \(Self.table) SET file = :file, checksum = :checksum, state = :state\(statements) WHERE version = :version",
            parameters: [
                .init(name: "version", value: .long(Int64(version))),
                .init(name: "file", value: .string(file)),
                .init(name: "checksum", value: .string(checksum)),
                .init(name: "state", value: .string(state.rawValue)),
            ],
            transactionId: transactionId)
    }
}
