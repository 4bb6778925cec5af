/// Where every version stands: the scripts on disk joined with the history table.
public struct MigrationStatus: Sendable, Hashable, Codable {
    /// One version's standing.
    public struct Version: Sendable, Hashable, Codable {
        /// Where a version stands.
        public enum State: String, Sendable, Hashable, Codable {
            /// Has a script and no history row (or only a rolled back attempt).
            case pending
            /// Applied here and its script unchanged.
            case applied
            /// Marked applied by `baseline` or `repair --mark-applied`.
            case baseline
            /// Failed or interrupted part way; `repair` must resolve it.
            case dirty
            /// Applied, but the script was edited since (checksums differ).
            case edited
            /// In the history but its script is gone.
            case missing
        }

        /// The version, N of `vN.sql`.
        public var version: Int
        /// Where the version stands.
        public var state: State
        /// The script used on this engine, when there is one.
        public var file: String?
        /// The checksum of the script on disk.
        public var checksum: String?
        /// The history row, when there is one.
        public var record: MigrationRecord?
    }

    /// The engine of the database.
    public var engine: MigrationEngine
    /// ``MigrationScripts/hash``.
    public var scriptsHash: String
    /// Every version, from the scripts and the history, in order.
    public var versions: [Version]

    /// The versions `migrate` would apply, in order.
    public var pending: [Version] { versions.filter { $0.state == .pending } }

    /// What must be fixed before migrating: dirty versions, edited scripts, missing scripts.
    public var problems: [String] {
        versions.compactMap { entry in
            guard let record = entry.record else { return nil }
            switch entry.state {
            case .dirty:
                return Self.dirtyMessage(record)
            case .edited:
                return "version \(record.version) (\(entry.file ?? record.file)) was edited after it was applied: "
                    + "checksum in the history \(record.checksum), file now \(entry.checksum ?? "?"). Restore the "
                    + "file, or run `aurora-data migrate repair` to accept the edit (it does not re-run the script)."
            case .missing:
                return "version \(record.version) (\(record.file)) is in the history but its script is gone. "
                    + "Restore the file."
            case .pending, .applied, .baseline:
                return nil
            }
        }
    }

    static func dirtyMessage(_ record: MigrationRecord) -> String {
        let position = record.statementsApplied + 1
        let what = record.state == .failed
            ? "statement \(position) of \(record.statementsTotal) failed: \(record.error ?? "no error text")"
            : "the run stopped during statement \(position) of \(record.statementsTotal) (started \(record.startedAt ?? "?") UTC by \(record.appliedBy))"
        return "version \(record.version) (\(record.file)) is dirty: \(what). Statements 1...\(record.statementsApplied) "
            + "were committed. Fix the database by hand, then run `aurora-data migrate repair --mark-applied` if the "
            + "version is now complete, or undo its partial changes and run `aurora-data migrate repair --remove-failed` "
            + "to run it again from the start."
    }
}
