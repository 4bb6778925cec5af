import AuroraDataAPIModel

/// How `repair` resolves a dirty version.
public enum DirtyResolution: String, Sendable, Hashable, CaseIterable {
    /// The user completed the version by hand: record it as applied.
    case markApplied = "mark-applied"
    /// The user undid the partial changes: delete the record so the version runs again.
    case removeFailed = "remove-failed"
}

/// What `repair` changed, one line per change.
public struct RepairReport: Sendable, Hashable, Codable {
    /// One line per change, e.g. `version 3 (v3.sql) marked as applied (baseline)`.
    public var changes: [String]
}

extension Migrator {
    /// Records versions 1...`version` as applied without running them, for a database whose schema already
    /// exists. Refused when the history has any row. Implements `aurora-data migrate baseline --version N`.
    public func baseline(version: Int) async throws -> RepairReport {
        guard version >= 1, version <= scripts.latestVersion else {
            throw MigrationError(
                code: .invalidRequest, message: "--version \(version) is outside the scripts (1...\(scripts.latestVersion)).")
        }
        let engine = try await engine()
        let history = MigrationHistory(engine: engine, database: database)
        try await history.create()
        return try await withExclusiveAccess(engine: engine, history: history) { transactionId, _ in
            let records = try await history.records(transactionId: transactionId)
            guard records.isEmpty else {
                throw MigrationError(
                    code: .invalidRequest,
                    message: "The history already has \(records.count) version(s); baseline is only for a database "
                        + "that has never been migrated. Run `aurora-data migrate status`.")
            }
            var changes: [String] = []
            for number in 1...version {
                guard let script = scripts.script(version: number, engine: engine) else { continue }
                let total = try statements(of: script, engine: engine).count
                try await history.upsert(
                    script, state: .baseline, applied: 0, total: total, appliedBy: options.appliedBy,
                    transactional: false, durationMs: nil, error: nil, transactionId: transactionId)
                changes.append("version \(number) (\(script.fileName)) marked as applied (baseline)")
            }
            return RepairReport(changes: changes)
        }
    }

    /// Accepts edited applied scripts (stores their new checksums) and, when asked, resolves dirty versions.
    /// Without `dirty`, a dirty version is an error that explains both choices. Implements
    /// `aurora-data migrate repair [--mark-applied | --remove-failed]`.
    public func repair(dirty resolution: DirtyResolution? = nil) async throws -> RepairReport {
        let engine = try await engine()
        let history = MigrationHistory(engine: engine, database: database)
        try await history.create()
        return try await withExclusiveAccess(engine: engine, history: history) { transactionId, _ in
            let status = status(engine: engine, records: try await history.records(transactionId: transactionId))
            var changes: [String] = []
            for entry in status.versions {
                guard let record = entry.record else { continue }
                switch entry.state {
                case .edited:
                    try await history.realign(
                        version: entry.version, file: entry.file ?? record.file, checksum: entry.checksum ?? record.checksum,
                        state: record.state, transactionId: transactionId)
                    changes.append(
                        "version \(entry.version) (\(entry.file ?? record.file)): checksum \(record.checksum) -> "
                            + "\(entry.checksum ?? "?") (the edit is accepted; the script was not re-run)")
                case .dirty:
                    guard let resolution else {
                        throw MigrationError(
                            code: .dirtyVersion,
                            message: MigrationStatus.dirtyMessage(record) + "\nrepair changed nothing: choose --mark-applied or --remove-failed.")
                    }
                    switch resolution {
                    case .markApplied:
                        try await history.realign(
                            version: entry.version, file: entry.file ?? record.file,
                            checksum: entry.checksum ?? record.checksum, state: .baseline, transactionId: transactionId)
                        changes.append("version \(entry.version) (\(record.file)): dirty -> applied (marked by repair)")
                    case .removeFailed:
                        try await history.delete(version: entry.version, transactionId: transactionId)
                        changes.append("version \(entry.version) (\(record.file)): failed record removed; it runs again on the next migrate")
                    }
                case .pending where record.state == .rolledBack && resolution == .removeFailed:
                    try await history.delete(version: entry.version, transactionId: transactionId)
                    changes.append("version \(entry.version) (\(record.file)): rolled back attempt removed from the history")
                case .pending, .applied, .baseline, .missing:
                    break
                }
            }
            return RepairReport(changes: changes)
        }
    }

    /// Development databases only: drops every table of the current schema (PostgreSQL) or database (MySQL),
    /// including the history, then applies every version. Refused unless `destroyAllData` is true.
    /// Implements `aurora-data migrate reset --yes-destroy-all-data`.
    public func reset(destroyAllData: Bool) async throws -> MigrationRunReport {
        guard destroyAllData else {
            throw MigrationError(
                code: .confirmationRequired,
                message: "reset drops every table of the database and all its data. It is for development databases "
                    + "only; confirm with --yes-destroy-all-data.")
        }
        let engine = try await engine()
        try await dropAllTables(engine: engine)
        return try await migrate()
    }

    private func dropAllTables(engine: MigrationEngine) async throws {
        switch engine {
        case .postgresql:
            let response = try await database.execute(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()", parameters: [], transactionId: nil)
            let names = (response.records ?? []).compactMap { $0.first?.text }
            guard !names.isEmpty else { return }
            let list = names.map { "\"" + $0.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" }
            _ = try await database.execute(
                "DROP TABLE IF EXISTS \(list.joined(separator: ", ")) CASCADE", parameters: [], transactionId: nil)
        case .mysql:
            _ = try await database.execute(
                "DROP PROCEDURE IF EXISTS \(MigrationStepProcedure.name)", parameters: [], transactionId: nil)
            // Foreign keys: drop what can be dropped, repeat for the tables that were still referenced.
            var remaining: [String] = []
            repeat {
                let response = try await database.execute(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
                    parameters: [], transactionId: nil)
                let names = (response.records ?? []).compactMap { $0.first?.text }
                guard !names.isEmpty else { return }
                if names == remaining {
                    throw MigrationError(
                        code: .unexpectedResponse, message: "reset could not drop \(names.joined(separator: ", ")).")
                }
                remaining = names
                for name in names {
                    let quoted = "`" + name.split(separator: "`", omittingEmptySubsequences: false).joined(separator: "``") + "`"
                    _ = try? await database.execute("DROP TABLE IF EXISTS \(quoted)", parameters: [], transactionId: nil)
                }
            } while true
        }
    }
}
