import AuroraDataAPIModel
import AuroraSQL
import Logging

/// What a `migrate` run did.
public struct MigrationRunReport: Sendable, Hashable, Codable {
    /// The engine of the database.
    public var engine: MigrationEngine
    /// Versions this run applied, in order.
    public var applied: [Int]
    /// Versions another run applied while this one waited.
    public var skipped: [Int]
    /// The version the database is at afterwards.
    public var currentVersion: Int
}

extension MigrationEngine: Codable {}

extension Migrator {
    /// Applies every pending version up to `target` (default: all). Implements `aurora-data migrate`.
    ///
    /// Before anything runs, the history is checked: a dirty version, an edited applied script or a missing
    /// script stops the run with an error naming each. Data API calls: see docs/migrations.md ("Call counts").
    public func migrate(target: Int? = nil) async throws -> MigrationRunReport {
        let engine = try await engine()
        events(.engine(engine))
        let history = MigrationHistory(engine: engine, database: database)
        try await history.create()
        switch engine {
        case .postgresql:
            return try await migratePostgreSQL(target: target, history: history)
        case .mysql:
            let lease = makeLease()
            try await lease.create()
            try await acquireLease(lease)
            do {
                let report = try await migrateUnderLease(target: target, history: history, lease: lease)
                try await lease.release()
                return report
            } catch {
                try? await lease.release()
                throw error
            }
        }
    }

    /// MySQL: the lease is held for the whole run, so the history read once stays true.
    private func migrateUnderLease(
        target: Int?, history: MigrationHistory, lease: MigrationLease
    ) async throws -> MigrationRunReport {
        let status = status(engine: .mysql, records: try await history.records())
        try Self.check(status)
        let target = try checkedTarget(target, status: status)
        let pending = status.pending.filter { $0.version <= target }
        let step = pending.isEmpty ? nil : await installStepProcedure(lease: lease)
        var applied: [Int] = []
        for entry in pending {
            guard let script = scripts.script(version: entry.version, engine: .mysql) else { continue }
            let statements = try statements(of: script, engine: .mysql)
            try checkDeadline(before: script, statement: 1, of: statements.count)
            try await applyOutsideTransaction(script, statements: statements, history: history, lease: lease, step: step)
            applied.append(entry.version)
        }
        return MigrationRunReport(engine: .mysql, applied: applied, skipped: [], currentVersion: max(target, status.versions.last { $0.state != .pending }?.version ?? 0))
    }

    /// PostgreSQL: one transaction per version, each taking the advisory lock first and re-reading the history
    /// inside it, so concurrent runners apply each version exactly once.
    private func migratePostgreSQL(target: Int?, history: MigrationHistory) async throws -> MigrationRunReport {
        let status = status(engine: .postgresql, records: try await history.records())
        // A `running` row may belong to a live run (a version with statements outside a transaction): the
        // version loop waits for it instead of failing here.
        try Self.check(status, ignoringRunning: true)
        let target = try checkedTarget(target, status: status)
        var applied: [Int] = []
        var skipped: [Int] = []
        for entry in status.pending where entry.version <= target {
            guard let script = scripts.script(version: entry.version, engine: .postgresql) else { continue }
            let statements = try statements(of: script, engine: .postgresql)
            try checkDeadline(before: script, statement: 1, of: statements.count)
            switch try await applyPostgreSQLVersion(script, statements: statements, history: history) {
            case .applied: applied.append(entry.version)
            case .skipped: skipped.append(entry.version)
            }
        }
        return MigrationRunReport(
            engine: .postgresql, applied: applied, skipped: skipped,
            currentVersion: max(target, status.versions.last { $0.state != .pending }?.version ?? 0))
    }

    private enum VersionOutcome {
        case applied
        case skipped
    }

    /// One PostgreSQL version: a transaction that takes the advisory lock, re-reads the version's history row and
    /// either skips it (another run applied it), waits (another run is applying it outside a transaction), or
    /// applies it.
    private func applyPostgreSQLVersion(
        _ script: MigrationScriptFile, statements: [SQLScriptStatement], history: MigrationHistory
    ) async throws -> VersionOutcome {
        let deadline = options.now() + options.lockTimeout
        while true {
            let transactionId = try await database.beginTransaction()
            var ended = false
            do {
                try await acquireAdvisoryLock(transactionId: transactionId)
                let record = try await history.record(version: script.version, transactionId: transactionId)
                if let record, record.state == .running {
                    try await database.rollbackTransaction(transactionId)
                    ended = true
                    guard options.now() < deadline else {
                        throw MigrationError(
                            code: .lockTimeout,
                            message: "Another run holds the lock (owner \(record.appliedBy), running version "
                                + "\(record.version) since \(record.startedAt ?? "?") UTC); waited \(options.lockTimeout). "
                                + "If that run died, the version is dirty: see `aurora-data migrate status` and "
                                + "`aurora-data migrate repair`.")
                    }
                    try await options.sleep(options.lockPollInterval)
                    continue
                }
                if let record, record.state != .rolledBack {
                    // Another runner got here first: stop if it left something to fix, else move on.
                    try Self.check(self.status(engine: .postgresql, records: [record]))
                    try await database.rollbackTransaction(transactionId)
                    events(.versionSkipped(version: script.version, reason: "applied by \(record.appliedBy)"))
                    return .skipped
                }
                if statements.contains(where: \.cannotRunInTransaction) {
                    // Claim the version (a `running` row) under the lock, then run the statements outside any
                    // transaction: CREATE INDEX CONCURRENTLY waits for open transactions, so none may stay open.
                    try await history.insertRunning(
                        script, total: statements.count, appliedBy: options.appliedBy, transactional: false,
                        transactionId: transactionId)
                    try await database.commitTransaction(transactionId)
                    ended = true
                    try await applyOutsideTransaction(
                        script, statements: statements, history: history, lease: nil, claimed: true)
                } else {
                    try await applyInTransaction(
                        script, statements: statements, history: history, transactionId: transactionId)
                    try await database.commitTransaction(transactionId)
                    ended = true
                }
                return .applied
            } catch {
                if !ended { try? await database.rollbackTransaction(transactionId) }
                throw error
            }
        }
    }

    /// Runs every statement of a version in `transactionId` and records it there. A failing statement throws
    /// after the caller rolls back; the failure is then recorded as `rolled_back` (auto-committed).
    private func applyInTransaction(
        _ script: MigrationScriptFile, statements: [SQLScriptStatement], history: MigrationHistory, transactionId: String
    ) async throws {
        events(.versionStarted(version: script.version, file: script.fileName, statements: statements.count, transactional: true))
        let start = options.now()
        for (offset, statement) in statements.enumerated() {
            // A throw here reaches the caller, which rolls the version back and so releases the advisory lock.
            try checkDeadline(before: script, statement: offset + 1, of: statements.count)
            let statementStart = options.now()
            do {
                _ = try await database.execute(statement.text, parameters: [], transactionId: transactionId)
            } catch {
                let text = Self.describe(error)
                events(.versionFailed(version: script.version, file: script.fileName, statement: offset + 1, line: statement.line, error: text))
                try? await database.rollbackTransaction(transactionId)
                try? await history.upsert(
                    script, state: .rolledBack, applied: 0, total: statements.count, appliedBy: options.appliedBy,
                    transactional: true, durationMs: Self.milliseconds(options.now() - start), error: text,
                    transactionId: nil)
                throw MigrationError(
                    code: .statementFailed,
                    message: "version \(script.version) (\(script.fileName)) statement \(offset + 1) of "
                        + "\(statements.count) (line \(statement.line)) failed: \(text)\nThe whole version was rolled "
                        + "back; nothing of it is applied. Fix the script and run `aurora-data migrate` again.")
            }
            events(.statementFinished(
                version: script.version, index: offset + 1, total: statements.count, line: statement.line,
                duration: options.now() - statementStart))
        }
        let duration = options.now() - start
        try await history.upsert(
            script, state: .applied, applied: statements.count, total: statements.count, appliedBy: options.appliedBy,
            transactional: true, durationMs: Self.milliseconds(duration), error: nil, transactionId: transactionId)
        events(.versionApplied(version: script.version, file: script.fileName, statements: statements.count, duration: duration))
    }

    /// MySQL: installs ``MigrationStepProcedure`` under the lease. When the migration user may not create
    /// procedures (no CREATE ROUTINE privilege), progress is recorded by a separate call after each statement.
    private func installStepProcedure(lease: MigrationLease) async -> MigrationStepProcedure? {
        let step = MigrationStepProcedure(database: database, lease: lease)
        do {
            try await step.install()
            return step
        } catch {
            logger.notice(
                "could not create the procedure \(MigrationStepProcedure.name) (\(Self.describe(error))); progress is recorded by one more Data API call per statement")
            return nil
        }
    }

    /// Runs every statement auto-committed, recording progress with each (MySQL; PostgreSQL versions with
    /// statements that cannot run in a transaction): in the statement's own call through `step` when there is one,
    /// otherwise by an update after it. A failure leaves a `failed` row naming the statement.
    private func applyOutsideTransaction(
        _ script: MigrationScriptFile, statements: [SQLScriptStatement], history: MigrationHistory,
        lease: MigrationLease?, step: MigrationStepProcedure? = nil, claimed: Bool = false
    ) async throws {
        events(.versionStarted(version: script.version, file: script.fileName, statements: statements.count, transactional: false))
        let start = options.now()
        if !claimed {
            try await history.insertRunning(
                script, total: statements.count, appliedBy: options.appliedBy, transactional: false)
        }
        for (offset, statement) in statements.enumerated() {
            if let stop = deadlineError(before: script, statement: offset + 1, of: statements.count) {
                // Statements 1...offset are committed: record where the run stopped, so the dirty marker is exact.
                try? await history.recordFailure(
                    version: script.version, applied: offset, durationMs: Self.milliseconds(options.now() - start),
                    error: "line \(statement.line): \(stop.message)")
                throw stop
            }
            let statementStart = options.now()
            var recorded = false
            do {
                if let step, try await step.run(statement.text, version: script.version, applied: offset + 1) == .recorded {
                    recorded = true
                } else {
                    _ = try await database.execute(statement.text, parameters: [], transactionId: nil)
                }
            } catch let error as MigrationError where error.code == .lockLost {
                throw error  // the statement did not run, and the history now belongs to the run holding the lock
            } catch {
                let text = Self.describe(error)
                events(.versionFailed(version: script.version, file: script.fileName, statement: offset + 1, line: statement.line, error: text))
                let record = MigrationRecord(
                    version: script.version, file: script.fileName, checksum: script.checksum, state: .failed,
                    transactional: false, statementsApplied: offset, statementsTotal: statements.count,
                    appliedBy: options.appliedBy, error: "line \(statement.line): \(text)")
                do {
                    try await history.recordFailure(
                        version: script.version, applied: offset, durationMs: Self.milliseconds(options.now() - start),
                        error: record.error ?? text)
                } catch {
                    throw MigrationError(
                        code: .statementFailed,
                        message: MigrationStatus.dirtyMessage(record) + "\nRecording the failure also failed ("
                            + "\(Self.describe(error))): the history shows the version as running.")
                }
                throw MigrationError(code: .statementFailed, message: MigrationStatus.dirtyMessage(record))
            }
            let now = options.now()
            if !recorded {
                try await history.recordProgress(
                    version: script.version, applied: offset + 1, total: statements.count,
                    durationMs: Self.milliseconds(now - start), lease: lease)
            }
            events(.statementFinished(
                version: script.version, index: offset + 1, total: statements.count, line: statement.line,
                duration: now - statementStart))
        }
        if statements.isEmpty {
            try await history.recordProgress(version: script.version, applied: 0, total: 0, durationMs: 0, lease: lease)
        }
        events(.versionApplied(version: script.version, file: script.fileName, statements: statements.count, duration: options.now() - start))
    }

    /// The message of a Data API error without the code prefix noise.
    static func describe(_ error: any Error) -> String {
        if let error = error as? DataAPIError { return "\(error.code.rawValue): \(error.message)" }
        return "\(error)"
    }
}
