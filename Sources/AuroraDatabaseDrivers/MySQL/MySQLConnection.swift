import AuroraDataAPIModel
import AuroraSQL
import CMariaDB
#if canImport(Glibc)
import Glibc
#endif

/// One libmariadb session. Every call on `mysql` runs on `queue` (libmariadb blocks); cancelling opens
/// a second session that sends `KILL QUERY <thread id>` until the statement ends (`StatementCancellation`).
final class MySQLConnection: DatabaseConnection, @unchecked Sendable {
    private let queue: BlockingQueue
    /// Touched only on `queue`.
    private var mysql: UnsafeMutablePointer<MYSQL>?
    private let threadID: UInt
    private let server: (host: String, port: Int, credentials: DatabaseCredentials, timeout: Int)
    private let closed = Latch()
    private let cancellation = StatementCancellation()

    private init(queue: BlockingQueue, mysql: UnsafeMutablePointer<MYSQL>, server: (String, Int, DatabaseCredentials, Int)) {
        self.queue = queue
        self.mysql = mysql
        self.threadID = mysql_thread_id(mysql)
        self.server = server
    }

    /// libmariadb must be initialised once before threads use it.
    private static let libraryInitialized: Bool = mysql_server_init(0, nil, nil) == 0

    static func open(
        host: String, port: Int, database: String?, credentials: DatabaseCredentials, connectTimeout: Int
    ) async throws(DatabaseFailure) -> MySQLConnection {
        let queue = BlockingQueue(label: "aurora-data-local.mysql")
        let handle = try await queue.run { () -> Result<UnsafeSendable<UnsafeMutablePointer<MYSQL>>, DatabaseFailure> in
            Result { () throws(DatabaseFailure) in
                UnsafeSendable(try connect(host: host, port: port, database: database, credentials: credentials, timeout: connectTimeout))
            }
        }
        return MySQLConnection(queue: queue, mysql: handle.value, server: (host, port, credentials, connectTimeout))
    }

    /// What every session starts with: UTC, and on MariaDB 10.4 or later `TIME_ROUND_FRACTIONAL` added to the
    /// server's `sql_mode`. MySQL (so Aurora MySQL) rounds fractional seconds when a value is stored or cast into
    /// fewer digits (`CAST('2020-09-17 13:49:32.780180' AS DATETIME)` is `13:49:33`); MariaDB truncates unless that
    /// mode is set. `/*M!100400 ... */` runs only on MariaDB 10.4+; MySQL reads it as a comment.
    static let sessionSettings = "SET time_zone = '+00:00'"
        + "/*M!100400 , sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'TIME_ROUND_FRACTIONAL') */"

    /// A blocking connect over TCP with `utf8mb4`, ``sessionSettings`` and found-rows counts (as JDBC).
    private static func connect(
        host: String, port: Int, database: String?, credentials: DatabaseCredentials, timeout: Int
    ) throws(DatabaseFailure) -> UnsafeMutablePointer<MYSQL> {
        guard libraryInitialized, let mysql = mysql_init(nil) else {
            throw DatabaseFailure(kind: .connection, message: "libmariadb could not be initialised.")
        }
        var seconds = UInt32(timeout)
        var protocolTCP = MYSQL_PROTOCOL_TCP.rawValue
        mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &seconds)
        mysql_options(mysql, MYSQL_OPT_PROTOCOL, &protocolTCP)
        mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        mysql_options(mysql, MYSQL_INIT_COMMAND, sessionSettings)
        guard mysql_real_connect(
            mysql, host, credentials.username, credentials.password, database, UInt32(port), nil, UInt(CLIENT_FOUND_ROWS)) != nil
        else {
            let failure = MySQLFailure.of(mysql)
            mysql_close(mysql)
            throw failure
        }
        return mysql
    }

    func execute(
        sql: String, parameters: [SqlParameter], resultSetOptions: ResultSetOptions?, resultByteLimit: Int?
    ) async throws(DatabaseFailure) -> StatementOutcome {
        let binding = try PlaceholderBinding(sql: sql, parameters: parameters, dialect: .mysql)
        let ticket = cancellation.submit()
        return try await queue.run { [self] in
            Result { () throws(DatabaseFailure) in
                try cancellation.perform(ticket, cancelled: Self.interrupted) { () throws(DatabaseFailure) in
                    let outcome: StatementOutcome
                    do throws(DatabaseFailure) {
                        outcome = try MySQLPreparedStatement(try open(), sql: binding.sql)
                            .execute(
                                binding.parameters, options: resultSetOptions, byteLimit: resultByteLimit, stopQuery: killQuery)
                    } catch where error.engineCode == MySQLTextStatement.notPreparableCode && binding.parameters.isEmpty {
                        outcome = try MySQLTextStatement.execute(try open(), sql: binding.sql)
                    }
                    // A killed query can still end normally (`SLEEP()` returns 1): a cancelled read fails as
                    // an interrupted one would.
                    if outcome.records != nil, cancellation.isCancelled(ticket) { throw Self.interrupted }
                    return outcome
                }
            }
        }
    }

    func executeBatch(sql: String, parameterSets: [[SqlParameter]]) async throws(DatabaseFailure) -> [StatementOutcome] {
        var bindings: [PlaceholderBinding] = []
        for parameters in parameterSets.isEmpty ? [[]] : parameterSets {
            bindings.append(try PlaceholderBinding(sql: sql, parameters: parameters, dialect: .mysql))
        }
        let sets = bindings
        let ticket = cancellation.submit()
        return try await queue.run { [self] in
            Result { () throws(DatabaseFailure) in
                try cancellation.perform(ticket, cancelled: Self.interrupted) { () throws(DatabaseFailure) in
                    guard let first = sets.first else { return [] }
                    let statement = try MySQLPreparedStatement(try open(), sql: first.sql)
                    var outcomes: [StatementOutcome] = []
                    for set in sets {
                        var outcome = try statement.execute(set.parameters, options: nil)
                        outcome.records = nil
                        outcome.columns = []
                        outcomes.append(outcome)
                    }
                    return outcomes
                }
            }
        }
    }

    func begin() async throws(DatabaseFailure) { try await command("START TRANSACTION") }
    func commit() async throws(DatabaseFailure) { try await command("COMMIT") }
    func rollback() async throws(DatabaseFailure) { try await command("ROLLBACK") }

    /// Asks `@@in_transaction`: after an error (a deadlock, a lock wait timeout with
    /// `innodb_rollback_on_timeout`) the server may have ended the transaction, and an error packet does not
    /// carry the status flags libmariadb would otherwise report.
    func transactionState() async -> DatabaseTransactionState {
        await queue.run { [self] in Result<DatabaseTransactionState, Never>.success(currentTransactionState()) }
    }

    /// Between statements the server sends nothing unless it ends the session: a readable socket (a closing
    /// packet or end of stream) means the session is gone.
    func isConnected() async -> Bool {
        await queue.run { [self] in
            guard let mysql else { return Result<Bool, Never>.success(false) }
            var socket = pollfd(fd: Int32(mysql_get_socket(mysql)), events: Int16(POLLIN), revents: 0)
            return .success(poll(&socket, 1, 0) <= 0)
        }
    }

    /// On the queue.
    private func currentTransactionState() -> DatabaseTransactionState {
        let query = "SELECT @@in_transaction"
        guard let mysql, mysql_real_query(mysql, query, UInt(query.utf8.count)) == 0,
            let result = mysql_store_result(mysql)
        else { return .lost }
        defer { mysql_free_result(result) }
        guard let row = mysql_fetch_row(result), let value = row[0] else { return .lost }
        return String(cString: value) == "1" ? .open : .none
    }

    /// What a cancelled statement fails with, as the server reports a killed query.
    private static let interrupted = DatabaseFailure(
        kind: .cancelled, message: "Query execution was interrupted", engineCode: 1317, sqlState: "70100")

    /// Cancels the statement submitted last: `KILL QUERY` for this session from a second session, repeated
    /// until the statement ends. Does not wait.
    func cancelRunningStatement() {
        guard !closed.isSet else { return }
        let (host, port, credentials, timeout) = server
        let query = killStatement
        cancellation.cancel(
            open: { try? MySQLKillSession(Self.connect(host: host, port: port, database: nil, credentials: credentials, timeout: timeout)) },
            send: { session in _ = mysql_query(session.mysql, query) })
    }

    private var killStatement: String { "KILL QUERY \(threadID)" }

    /// Sends `KILL QUERY` once, from a second session, and waits for the server to take it (on the queue, while a
    /// result is being read: the rest of it is not worth reading).
    private func killQuery() {
        let (host, port, credentials, timeout) = server
        guard let session = try? Self.connect(host: host, port: port, database: nil, credentials: credentials, timeout: timeout)
        else { return }
        _ = mysql_query(session, killStatement)
        mysql_close(session)
    }

    func close() {
        guard closed.set() else { return }
        cancellation.close()
        queue.async { [self] in
            if let mysql { mysql_close(mysql) }
            mysql = nil
        }
    }

    deinit {
        if let mysql { mysql_close(mysql) }
    }

    // MARK: On the queue

    private func open() throws(DatabaseFailure) -> UnsafeMutablePointer<MYSQL> {
        guard let mysql else {
            throw DatabaseFailure(kind: .connection, message: "The connection is closed. Open a new one.")
        }
        return mysql
    }

    private func command(_ sql: String) async throws(DatabaseFailure) {
        _ = try await queue.run { [self] in
            Result { () throws(DatabaseFailure) in
                let mysql = try open()
                if mysql_real_query(mysql, sql, UInt(sql.utf8.count)) != 0 { throw MySQLFailure.of(mysql) }
                return true
            }
        }
    }
}

/// The second session that sends `KILL QUERY`; closed when the last cancel attempt lets it go.
private final class MySQLKillSession: @unchecked Sendable {
    /// Used by one cancel attempt at a time, under `StatementCancellation`'s lock.
    let mysql: UnsafeMutablePointer<MYSQL>

    init(_ mysql: UnsafeMutablePointer<MYSQL>) { self.mysql = mysql }

    deinit { mysql_close(mysql) }
}
