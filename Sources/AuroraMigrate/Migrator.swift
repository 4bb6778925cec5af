import AuroraDataAPIModel
import AuroraSQL
import Logging

/// Applies `scripts/schema/vN.sql` to an Aurora PostgreSQL or MySQL database through the RDS Data API and
/// records each version in `aurora_data_migrations`.
///
/// Locking and atomicity (see docs/migrations.md): on PostgreSQL each version runs in one Data API transaction
/// whose first statement takes the transaction-scoped advisory lock, so a failure rolls the whole version back;
/// on MySQL (no transactional DDL) a lease row guards the run and progress is recorded after every statement,
/// so a failure leaves a precise dirty marker that `repair` resolves.
public struct Migrator: Sendable {
    /// How a run behaves.
    public struct Options: Sendable {
        /// The engine; nil detects it with `SELECT version()`.
        public var engine: MigrationEngine?
        /// Who runs the migration, stored in `applied_by` (e.g. `user@host` or a CI job id).
        public var appliedBy: String
        /// How long to wait for a lock another run holds before failing.
        public var lockTimeout: Duration
        /// MySQL: how long the lease lasts without renewal (it is renewed after every statement). A runner that
        /// dies blocks others at most this long. Must exceed the longest single statement.
        public var lockTTL: Duration
        /// How often a waiting run retries the lock.
        public var lockPollInterval: Duration
        /// Sleeps between lock attempts (injected for tests).
        public var sleep: @Sendable (Duration) async throws -> Void
        /// The monotonic clock for timings and lock deadlines (injected for tests).
        public var now: @Sendable () -> ContinuousClock.Instant
        /// No statement starts after this instant (for example a Lambda's deadline less a margin): the run stops
        /// with `deadlineReached`, rolls back the version's transaction (PostgreSQL) or records where it stopped
        /// (MySQL), and releases its lock. Nil: no limit.
        public var stopStartingStatementsAt: ContinuousClock.Instant?

        /// Options for a run; only `appliedBy` has no default.
        ///
        /// - Parameters:
        ///   - engine: The engine; nil detects it with `SELECT version()`.
        ///   - appliedBy: Who runs the migration, stored in the history.
        ///   - lockTimeout: How long to wait for a lock another run holds.
        ///   - lockTTL: MySQL: how long the lease lasts without renewal.
        ///   - lockPollInterval: How often a waiting run retries the lock.
        ///   - sleep: Sleeps between lock attempts (injected for tests).
        ///   - now: The monotonic clock (injected for tests).
        ///   - stopStartingStatementsAt: No statement starts after this instant; nil for no limit.
        public init(
            engine: MigrationEngine? = nil, appliedBy: String, lockTimeout: Duration = .seconds(60),
            lockTTL: Duration = .seconds(120), lockPollInterval: Duration = .milliseconds(200),
            sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
            now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
            stopStartingStatementsAt: ContinuousClock.Instant? = nil
        ) {
            self.engine = engine
            self.appliedBy = appliedBy
            self.lockTimeout = lockTimeout
            self.lockTTL = lockTTL
            self.lockPollInterval = lockPollInterval
            self.sleep = sleep
            self.now = now
            self.stopStartingStatementsAt = stopStartingStatementsAt
        }
    }

    /// The database the migrations run on (a `DataAPIClient`, usually).
    public let database: any MigrationDatabase
    /// The scripts to apply.
    public let scripts: MigrationScripts
    /// How runs behave.
    public let options: Options
    /// Receives what the migrator does at `.debug`; silent by default.
    public let logger: Logger
    let events: @Sendable (MigrationEvent) -> Void

    /// A migrator of `database` to `scripts`.
    ///
    /// - Parameters:
    ///   - database: The database to migrate (a `DataAPIClient`, usually).
    ///   - scripts: The scripts to apply.
    ///   - options: How runs behave.
    ///   - logger: Receives what the migrator does at `.debug`; silent by default.
    ///   - events: receives progress as it happens (called from the running task).
    public init(
        database: any MigrationDatabase, scripts: MigrationScripts, options: Options,
        logger: Logger = Logger(label: "aurora-data.migrate", factory: { _ in SwiftLogNoOpLogHandler() }),
        events: @escaping @Sendable (MigrationEvent) -> Void = { _ in }
    ) {
        self.database = database
        self.scripts = scripts
        self.options = options
        self.logger = logger
        self.events = events
    }

    // MARK: - Shared steps

    /// The engine from the options, or from `SELECT version()`.
    func engine() async throws -> MigrationEngine {
        if let engine = options.engine { return engine }
        let engine = try await MigrationEngine.detect(database)
        logger.debug("detected engine", metadata: ["engine": "\(engine.rawValue)"])
        return engine
    }

    /// The statements of one script on `engine`.
    func statements(of script: MigrationScriptFile, engine: MigrationEngine) throws(MigrationError) -> [SQLScriptStatement] {
        do {
            return try SQLSplitter.split(script.text, dialect: engine.dialect)
        } catch {
            throw MigrationError(
                code: .invalidScript, message: "\(script.fileName) line \(error.line): \(error.message)")
        }
    }

    /// The run's lease token: who and a random part, so two runs by the same user differ.
    func leaseOwner() -> String {
        "\(options.appliedBy.prefix(200)) \(Self.randomToken())"
    }

    private static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() as UInt64, radix: 16)
    }

    /// Throws `deadlineReached` when ``Options/stopStartingStatementsAt`` has passed.
    func checkDeadline(before script: MigrationScriptFile, statement: Int, of total: Int) throws(MigrationError) {
        if let error = deadlineError(before: script, statement: statement, of: total) { throw error }
    }

    /// The `deadlineReached` error when ``Options/stopStartingStatementsAt`` has passed, else nil.
    func deadlineError(before script: MigrationScriptFile, statement: Int, of total: Int) -> MigrationError? {
        guard let stop = options.stopStartingStatementsAt, options.now() >= stop else { return nil }
        return MigrationError(
            code: .deadlineReached,
            message: "timed out before v\(script.version) (\(script.fileName)) statement \(statement) of \(total): "
                + "the run's deadline was near, so no further statement was started")
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
