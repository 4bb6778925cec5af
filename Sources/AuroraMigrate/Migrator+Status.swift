import AuroraDataAPIModel
import AuroraSQL

extension Migrator {
    /// Every version with its state, reading the history (creating the empty table when missing).
    /// Implements `aurora-data migrate status`.
    public func status() async throws -> MigrationStatus {
        let engine = try await engine()
        let history = MigrationHistory(engine: engine, database: database)
        try await history.create()
        return try await status(engine: engine, records: history.records())
    }

    /// Checks the scripts against the history: throws one error listing every dirty version, edited script and
    /// missing script. Implements `aurora-data migrate validate`.
    @discardableResult
    public func validate() async throws -> MigrationStatus {
        let status = try await status()
        try Self.check(status)
        return status
    }

    /// The statements that `migrate` would run, in order. Implements `aurora-data migrate plan`.
    public func plan(target: Int? = nil) async throws -> [PlannedStatement] {
        let status = try await validate()
        let target = try checkedTarget(target, status: status)
        var planned: [PlannedStatement] = []
        for entry in status.pending where entry.version <= target {
            guard let script = scripts.script(version: entry.version, engine: status.engine) else { continue }
            for statement in try statements(of: script, engine: status.engine) {
                planned.append(
                    PlannedStatement(version: entry.version, file: script.fileName, line: statement.line, sql: statement.text))
            }
        }
        return planned
    }

    func status(engine: MigrationEngine, records: [MigrationRecord]) -> MigrationStatus {
        let byVersion = Dictionary(records.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        let lastVersion = max(scripts.latestVersion, records.last?.version ?? 0)
        var versions: [MigrationStatus.Version] = []
        for version in stride(from: 1, through: lastVersion, by: 1) {
            let script = scripts.script(version: version, engine: engine)
            let record = byVersion[version]
            let state: MigrationStatus.Version.State
            switch (script, record) {
            case (nil, nil): continue
            case (_, let record?) where record.state.isDirty: state = .dirty
            case (nil, let record?) where record.state.isApplied: state = .missing
            case (let script?, let record?) where record.state.isApplied:
                state = script.checksum == record.checksum ? (record.state == .baseline ? .baseline : .applied) : .edited
            default: state = .pending
            }
            versions.append(
                .init(version: version, state: state, file: script?.fileName, checksum: script?.checksum, record: record))
        }
        return MigrationStatus(engine: engine, scriptsHash: scripts.hash, versions: versions)
    }

    static func check(_ status: MigrationStatus, ignoringRunning: Bool = false) throws(MigrationError) {
        var status = status
        if ignoringRunning { status.versions.removeAll { $0.record?.state == .running } }
        let problems = status.problems
        guard !problems.isEmpty else { return }
        let code: MigrationError.Code =
            status.versions.contains { $0.state == .dirty } ? .dirtyVersion
            : status.versions.contains { $0.state == .edited } ? .checksumMismatch : .missingScript
        throw MigrationError(code: code, message: problems.joined(separator: "\n"))
    }

    /// The target version: the latest script by default; never below an applied version.
    func checkedTarget(_ target: Int?, status: MigrationStatus) throws(MigrationError) -> Int {
        guard let target else { return scripts.latestVersion }
        guard target >= 0, target <= scripts.latestVersion else {
            throw MigrationError(
                code: .invalidRequest,
                message: "--target \(target) is outside the scripts (1...\(scripts.latestVersion)).")
        }
        if let applied = status.versions.last(where: { $0.state != .pending }), applied.version > target {
            throw MigrationError(
                code: .invalidRequest,
                message: "--target \(target) is below version \(applied.version), which is already applied; "
                    + "migrations only go forward.")
        }
        return target
    }
}

/// One statement `migrate` would run (`aurora-data migrate plan --format json`).
public struct PlannedStatement: Sendable, Hashable, Codable {
    /// The version the statement belongs to.
    public var version: Int
    /// The script it comes from.
    public var file: String
    /// 1-based line of the statement in the file.
    public var line: Int
    /// The statement's text, as it would be sent.
    public var sql: String
}
