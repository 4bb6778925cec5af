/// `AuroraDatabaseDrivers`: talking to PostgreSQL (libpq) and MySQL/MariaDB (libmariadb) in the Data API's terms.
/// Its one job: open connections, run statements with bound parameters, and turn values, column metadata and
/// failures into what Aurora's Data API reports (`Field`, `ColumnMetadata`, `DatabaseFailure`). It knows nothing of
/// HTTP, SigV4 or how a server is started. It may depend on AuroraDataAPIModel, AuroraSQL, the C client libraries
/// (CLibPQ, CMariaDB) and the toolchain; nothing else.
///
/// What callers (the local endpoint, the throwaway servers, tests) can rely on:
/// - Implementations: `PostgreSQLBackend(host:port:)`, `MySQLBackend(host:port:)`; `AuroraDatabaseServers` adds
///   `DatabaseServerAddress(url:).backend()` and throwaway servers (`LocalDatabaseServer.start(_:)`).
/// - An `arrayValue` parameter fails with `.statement` "Array parameters are not supported." (validate earlier
///   to answer 400 as AWS does); a `:name` without a parameter fails with `.statement`.
/// - `executeBatch` does not open a transaction of its own: wrap it in `begin()`/`commit()` for all-or-nothing.
/// - `cancelRunningStatement()` makes the running or pending call fail with `.cancelled` (PostgreSQL 57014, MySQL
///   1317, also for a MySQL read that ends normally after the kill, like `SLEEP()`), however early it comes.
/// - Connecting to a missing database fails with `.connection` plus an SQLState (3D000 / 42000).
/// - MySQL BIGINT UNSIGNED values above Int64.max come back as `stringValue`; YEAR as `stringValue` ("2024").
import AuroraDataAPIModel

/// The database engine behind a local endpoint.
public enum DatabaseEngine: String, Sendable, Hashable, CaseIterable {
    case postgresql
    case mysql
}

/// A user name and password, as a Secrets Manager secret of an Aurora cluster holds them.
/// Printing it (`description`, `debugDescription`, string interpolation) never shows the password.
public struct DatabaseCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var username: String
    public var password: String
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String { "DatabaseCredentials(username: \(username), password: ***)" }
    public var debugDescription: String { description }
}

/// A database error as the engine reported it. The HTTP layer turns it into `DatabaseErrorException`
/// with the message Aurora would send (`... Error code: N; SQLState: S` for MySQL,
/// `ERROR: ...; SQLState: S` for PostgreSQL).
public struct DatabaseFailure: Error, Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The statement failed in the database (syntax, constraint, ...).
        case statement
        /// The connection is gone or could not be opened (server down, wrong password).
        case connection
        /// Login refused because of the credentials.
        case authentication
        /// The result holds a type the Data API does not return (`UnsupportedResultException`).
        case unsupportedResult
        /// The statement was cancelled (timeout).
        case cancelled
    }

    public var kind: Kind
    /// The engine's own message text, without the SQLState suffix.
    public var message: String
    /// MySQL error number (e.g. 1062); nil for PostgreSQL.
    public var engineCode: Int?
    /// Five-character SQLSTATE, when the engine gave one.
    public var sqlState: String?

    public init(kind: Kind, message: String, engineCode: Int? = nil, sqlState: String? = nil) {
        self.kind = kind
        self.message = message
        self.engineCode = engineCode
        self.sqlState = sqlState
    }
}

/// What a statement produced, already in Data API form.
public struct StatementOutcome: Sendable, Hashable {
    /// Rows of a result set, one `Field` per column (`nil` when the statement returned no result set).
    public var records: [[Field]]?
    /// One entry per column of the result set.
    public var columns: [ColumnMetadata]
    /// Affected rows for DML (0 for SELECT and DDL).
    public var numberOfRecordsUpdated: Int64
    /// MySQL: the auto-increment value an INSERT generated (`[.long(id)]`); always empty on PostgreSQL.
    public var generatedFields: [Field]
    /// The rows held more than the `resultByteLimit` the statement ran with: reading stopped there (the rest was
    /// cancelled or discarded) and `records` is empty.
    public var exceedsByteLimit: Bool

    public init(
        records: [[Field]]?, columns: [ColumnMetadata], numberOfRecordsUpdated: Int64, generatedFields: [Field],
        exceedsByteLimit: Bool = false
    ) {
        self.records = records
        self.columns = columns
        self.numberOfRecordsUpdated = numberOfRecordsUpdated
        self.generatedFields = generatedFields
        self.exceedsByteLimit = exceedsByteLimit
    }

    /// A result set whose rows passed `resultByteLimit`.
    static func tooLarge(columns: [ColumnMetadata]) -> StatementOutcome {
        StatementOutcome(records: [], columns: columns, numberOfRecordsUpdated: 0, generatedFields: [], exceedsByteLimit: true)
    }
}

/// Where a session stands with respect to transactions, as its server reports it.
public enum DatabaseTransactionState: Sendable, Hashable {
    /// No transaction is open: a statement would run in autocommit mode.
    case none
    /// A transaction is open and takes statements.
    case open
    /// A transaction is open but a statement failed in it: PostgreSQL then takes only ROLLBACK (its COMMIT rolls
    /// back). MySQL never reports this state.
    case failed
    /// The connection is closed or lost.
    case lost
}

/// One connection to the database. Calls on one connection are made one at a time by the HTTP layer
/// (it serializes them per transaction); a connection may be used from different threads over its life.
public protocol DatabaseConnection: AnyObject, Sendable {
    /// Runs one statement. `parameters` are the request's parameters; the connection finds the `:name`
    /// placeholders with `AuroraSQL`, binds values server-side (never splices them into the SQL) and honours
    /// each `typeHint`. `resultSetOptions` shapes DECIMAL and BIGINT values as the Data API does.
    /// `resultByteLimit`: the rows are read one at a time and reading stops as soon as their data (``Field/dataSize``)
    /// passes this many bytes; the rest of the result is cancelled or discarded, the connection stays usable, and the
    /// outcome has ``StatementOutcome/exceedsByteLimit``. Nil reads the whole result.
    func execute(
        sql: String, parameters: [SqlParameter], resultSetOptions: ResultSetOptions?, resultByteLimit: Int?
    ) async throws(DatabaseFailure) -> StatementOutcome

    /// Runs a statement once per parameter set (BatchExecuteStatement): one outcome per set.
    func executeBatch(sql: String, parameterSets: [[SqlParameter]]) async throws(DatabaseFailure) -> [StatementOutcome]

    func begin() async throws(DatabaseFailure)
    func commit() async throws(DatabaseFailure)
    func rollback() async throws(DatabaseFailure)

    /// The session's transaction state, as the server reports it now (PostgreSQL keeps it with the session;
    /// MySQL is asked, since an error packet carries no status). Never throws: a failure to ask is `.lost`.
    func transactionState() async -> DatabaseTransactionState

    /// Whether the session still stands, checked without a round trip: false once the server has closed it
    /// (restarted, session killed) or the connection was closed. Meant for a connection between statements.
    func isConnected() async -> Bool

    /// Cancels the statement submitted last on this connection, from another task, without waiting: one not
    /// started yet is not sent; a running one gets the server's cancel, repeated until it ends.
    func cancelRunningStatement()

    /// Closes the connection; further calls fail with a `.connection` failure.
    func close()
}

extension DatabaseConnection {
    /// Runs one statement and reads its whole result.
    public func execute(
        sql: String, parameters: [SqlParameter], resultSetOptions: ResultSetOptions?
    ) async throws(DatabaseFailure) -> StatementOutcome {
        try await execute(sql: sql, parameters: parameters, resultSetOptions: resultSetOptions, resultByteLimit: nil)
    }
}

/// A database server the local endpoint talks to.
public protocol DatabaseBackend: Sendable {
    var engine: DatabaseEngine { get }
    /// Opens a connection to `database` (the server's default database when nil) as `credentials`.
    func connect(database: String?, credentials: DatabaseCredentials) async throws(DatabaseFailure) -> any DatabaseConnection
}
