/// One row of the history table `aurora_data_migrations`: what happened to one version.
public struct MigrationRecord: Sendable, Hashable, Codable {
    /// The state of a version in the history.
    public enum State: String, Sendable, Hashable, Codable {
        /// Every statement ran and was committed.
        case applied
        /// Marked as applied by `baseline` or `repair --mark-applied` without running it here.
        case baseline
        /// Started and not finished: the run stopped (process or database died) part way. Dirty.
        case running
        /// A statement failed after earlier statements were committed (MySQL DDL, PostgreSQL statements that
        /// cannot run in a transaction). Dirty.
        case failed
        /// A statement failed inside the version's transaction and everything was rolled back (PostgreSQL).
        /// Not dirty: the version is pending again.
        case rolledBack = "rolled_back"

        /// Whether the version left the database in an unknown partial state that `repair` must resolve.
        public var isDirty: Bool { self == .running || self == .failed }
        /// Whether the version counts as done.
        public var isApplied: Bool { self == .applied || self == .baseline }
    }

    /// The version, N of `vN.sql`.
    public var version: Int
    /// The script used on this engine, e.g. `v3.postgresql.sql`.
    public var file: String
    /// Lower-case hex SHA-256 of the script's normalized text when it ran.
    public var checksum: String
    /// What happened to the version.
    public var state: State
    /// Whether the version ran inside one transaction (all or nothing).
    public var transactional: Bool
    /// How many of the script's statements have run.
    public var statementsApplied: Int
    /// How many statements the script has.
    public var statementsTotal: Int
    /// UTC, as the database prints it (`YYYY-MM-DD HH:MM:SS.fff`).
    public var startedAt: String?
    /// When the version finished or failed: UTC, as the database prints it; nil while running.
    public var finishedAt: String?
    /// Who ran it (`Migrator.Options.appliedBy`).
    public var appliedBy: String
    /// How long the version took, in milliseconds, as the client measured it.
    public var durationMs: Int64?
    /// The database error of a failed or rolled back version.
    public var error: String?

    /// A history row from its columns.
    public init(
        version: Int, file: String, checksum: String, state: State, transactional: Bool, statementsApplied: Int,
        statementsTotal: Int, startedAt: String? = nil, finishedAt: String? = nil, appliedBy: String,
        durationMs: Int64? = nil, error: String? = nil
    ) {
        self.version = version
        self.file = file
        self.checksum = checksum
        self.state = state
        self.transactional = transactional
        self.statementsApplied = statementsApplied
        self.statementsTotal = statementsTotal
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.appliedBy = appliedBy
        self.durationMs = durationMs
        self.error = error
    }
}
