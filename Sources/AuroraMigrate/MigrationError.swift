/// An error from the migration tool. `message` says what happened and what to do next.
public struct MigrationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is.
    public var code: Code
    /// What happened and what to do next.
    public var message: String

    /// An error with its code and message.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// What kind of problem it is; unknown codes keep their text in `rawValue`.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The scripts directory is missing or unreadable.
        public static let directoryUnreadable = Code(rawValue: "DirectoryUnreadable")
        /// A file in the scripts directory is not `vN.sql`, `vN.postgresql.sql` or `vN.mysql.sql`.
        public static let strayFile = Code(rawValue: "StrayFile")
        /// Two files claim the same version for the same engine (`v1.sql` and `v01.sql`).
        public static let duplicateVersion = Code(rawValue: "DuplicateVersion")
        /// Versions are not 1, 2, 3, ... without holes.
        public static let versionGap = Code(rawValue: "VersionGap")
        /// A script could not be read, decoded or split into statements.
        public static let invalidScript = Code(rawValue: "InvalidScript")
        /// An applied script was edited after it was applied.
        public static let checksumMismatch = Code(rawValue: "ChecksumMismatch")
        /// The history names a version whose script is gone.
        public static let missingScript = Code(rawValue: "MissingScript")
        /// A version failed or was interrupted part way; `repair` must resolve it.
        public static let dirtyVersion = Code(rawValue: "DirtyVersion")
        /// Another run holds the migration lock and did not release it in time.
        public static let lockTimeout = Code(rawValue: "LockTimeout")
        /// This run's lock expired and another run took it over.
        public static let lockLost = Code(rawValue: "LockLost")
        /// A statement of a version failed (PostgreSQL: the version was rolled back).
        public static let statementFailed = Code(rawValue: "StatementFailed")
        /// The database engine could not be determined.
        public static let unknownEngine = Code(rawValue: "UnknownEngine")
        /// The request contradicts the history (baseline on a used database, target below applied, ...).
        public static let invalidRequest = Code(rawValue: "InvalidRequest")
        /// `reset` was asked without the confirmation flag.
        public static let confirmationRequired = Code(rawValue: "ConfirmationRequired")
        /// The database answered something the tool did not expect.
        public static let unexpectedResponse = Code(rawValue: "UnexpectedResponse")
        /// The run stopped before a statement because its deadline (``Migrator/Options/stopStartingStatementsAt``) was near.
        public static let deadlineReached = Code(rawValue: "DeadlineReached")
    }
}
