/// Progress of a run, reported as it happens (the CLI prints them on stderr with timings).
public enum MigrationEvent: Sendable, Hashable {
    /// The engine was detected or given.
    case engine(MigrationEngine)
    /// Another run holds the lock; this run waits (reported once per wait).
    case waitingForLock(holder: String)
    /// A version starts: its file, statement count and whether it runs in one transaction.
    case versionStarted(version: Int, file: String, statements: Int, transactional: Bool)
    /// One statement finished.
    case statementFinished(version: Int, index: Int, total: Int, line: Int, duration: Duration)
    /// A version was applied and recorded.
    case versionApplied(version: Int, file: String, statements: Int, duration: Duration)
    /// A version was applied by another run meanwhile.
    case versionSkipped(version: Int, reason: String)
    /// A statement of a version failed (the error that follows says what state it left).
    case versionFailed(version: Int, file: String, statement: Int, line: Int, error: String)
}
