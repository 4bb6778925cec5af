import AuroraDataAPIModel
import AuroraSQL
import CLibPQ
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libpq session. Every libpq call on `connection` runs on `queue` (libpq blocks); only
/// `PQcancel` is called from other threads, guarded by `cancelHandle` and repeated until the statement ends
/// (`StatementCancellation`).
final class PostgreSQLConnection: DatabaseConnection, @unchecked Sendable {
    private let queue: BlockingQueue
    /// Touched only on `queue`.
    private var connection: OpaquePointer?
    private let cancelHandle: Mutex<UnsafeSendable<OpaquePointer?>>
    private let cancellation = StatementCancellation()
    /// Touched only on `queue`: catalog answers cached for the life of the session.
    private var catalog = PostgreSQLCatalogCache()

    private init(queue: BlockingQueue, connection: OpaquePointer) {
        self.queue = queue
        self.connection = connection
        self.cancelHandle = Mutex(UnsafeSendable(PQgetCancel(connection)))
    }

    static func open(
        host: String, port: Int, database: String, credentials: DatabaseCredentials, connectTimeout: Int
    ) async throws(DatabaseFailure) -> PostgreSQLConnection {
        let queue = BlockingQueue(label: "aurora-data-local.postgresql")
        let settings = [
            ("host", host), ("port", String(port)), ("dbname", database), ("user", credentials.username),
            ("password", credentials.password), ("connect_timeout", String(connectTimeout)),
            ("client_encoding", "UTF8"), ("application_name", "aurora-data-local"), ("gssencmode", "disable"),
            ("options", "-c TimeZone=UTC -c DateStyle=ISO,MDY -c IntervalStyle=postgres"),
        ]
        let handle = try await queue.run { () -> Result<UnsafeSendable<OpaquePointer>, DatabaseFailure> in
            let connection = withCStrings(settings.map(\.0)) { keywords in
                withCStrings(settings.map(\.1)) { values in PQconnectdbParams(keywords, values, 0) }
            }
            guard let connection else {
                return .failure(DatabaseFailure(kind: .connection, message: "libpq could not allocate a connection."))
            }
            guard PQstatus(connection) == CONNECTION_OK else {
                let failure = PostgreSQLFailure.connecting(String(cString: PQerrorMessage(connection)))
                PQfinish(connection)
                return .failure(failure)
            }
            // Server notices ("... does not exist, skipping") are not errors; libpq would print them to stderr.
            PQsetNoticeProcessor(connection, { _, _ in }, nil)
            return .success(UnsafeSendable(connection))
        }
        return PostgreSQLConnection(queue: queue, connection: handle.value)
    }

    func execute(
        sql: String, parameters: [SqlParameter], resultSetOptions: ResultSetOptions?, resultByteLimit: Int?
    ) async throws(DatabaseFailure) -> StatementOutcome {
        let binding = try PlaceholderBinding(sql: sql, parameters: parameters, dialect: .postgresql)
        var values: [PostgreSQLParameter] = []
        for parameter in binding.parameters { values.append(try PostgreSQLParameter(parameter)) }
        let boundValues = values
        let ticket = cancellation.submit()
        return try await queue.run { [self] in
            Result { () throws(DatabaseFailure) in
                try cancellation.perform(ticket, cancelled: Self.cancelled) { () throws(DatabaseFailure) in
                    let connection = try open()
                    return try stream(
                        connection, sql: binding.sql, parameters: boundValues, options: resultSetOptions,
                        byteLimit: resultByteLimit)
                }
            }
        }
    }

    func executeBatch(sql: String, parameterSets: [[SqlParameter]]) async throws(DatabaseFailure) -> [StatementOutcome] {
        var statements: [(sql: String, values: [PostgreSQLParameter])] = []
        for parameters in parameterSets.isEmpty ? [[]] : parameterSets {
            let binding = try PlaceholderBinding(sql: sql, parameters: parameters, dialect: .postgresql)
            var values: [PostgreSQLParameter] = []
            for parameter in binding.parameters { values.append(try PostgreSQLParameter(parameter)) }
            statements.append((binding.sql, values))
        }
        let prepared = statements
        let ticket = cancellation.submit()
        return try await queue.run { [self] in
            Result { () throws(DatabaseFailure) in
                try cancellation.perform(ticket, cancelled: Self.cancelled) { () throws(DatabaseFailure) in
                    let connection = try open()
                    var outcomes: [StatementOutcome] = []
                    var preparedTypes: [UInt32]?
                    for statement in prepared {
                        let types = statement.values.map(\.typeOID)
                        if types != preparedTypes {
                            let preparation = PostgreSQLStatement.prepare(connection, sql: statement.sql, types: types)
                            defer { PQclear(preparation) }
                            _ = try outcome(of: preparation, connection: connection, options: nil)
                            preparedTypes = types
                        }
                        let result = PostgreSQLStatement.executePrepared(connection, parameters: statement.values)
                        defer { PQclear(result) }
                        var single = try outcome(of: result, connection: connection, options: nil)
                        single.records = nil
                        single.columns = []
                        outcomes.append(single)
                    }
                    return outcomes
                }
            }
        }
    }

    func begin() async throws(DatabaseFailure) { try await command("BEGIN") }
    func commit() async throws(DatabaseFailure) { try await command("COMMIT") }
    func rollback() async throws(DatabaseFailure) { try await command("ROLLBACK") }

    func transactionState() async -> DatabaseTransactionState {
        await queue.run { [self] in Result<DatabaseTransactionState, Never>.success(currentTransactionState()) }
    }

    /// Reads what the server sent unprompted: a terminated session's error and end of stream make libpq mark
    /// the connection bad.
    func isConnected() async -> Bool {
        await queue.run { [self] in
            Result<Bool, Never>.success(connection.map { PQconsumeInput($0) == 1 && PQstatus($0) == CONNECTION_OK } ?? false)
        }
    }

    /// On the queue.
    private func currentTransactionState() -> DatabaseTransactionState {
        guard let connection, PQstatus(connection) == CONNECTION_OK else { return .lost }
        switch PQtransactionStatus(connection) {
        case PQTRANS_IDLE: return .none
        case PQTRANS_INTRANS, PQTRANS_ACTIVE: return .open
        case PQTRANS_INERROR: return .failed
        default: return .lost
        }
    }

    /// What a cancelled statement fails with, as the server reports a cancel.
    private static let cancelled = DatabaseFailure(
        kind: .cancelled, message: "canceling statement due to user request", sqlState: "57014")

    /// Cancels the statement submitted last: a cancel request, repeated until the statement ends. Does not wait.
    func cancelRunningStatement() {
        cancellation.cancel(open: { true }, send: { [self] _ in cancelStatement() })
    }

    func close() {
        cancellation.close()
        let handle = cancelHandle.withLock { handle in
            defer { handle.value = nil }
            return handle
        }
        guard let handle = handle.value else { return }
        PQfreeCancel(handle)
        queue.async { [self] in
            if let connection { PQfinish(connection) }
            connection = nil
        }
    }

    deinit {
        // No work is queued any more (queued work holds a reference), so the handles are released here.
        let handle = cancelHandle.withLock { $0.value }
        if let handle { PQfreeCancel(handle) }
        if let connection { PQfinish(connection) }
    }

    // MARK: On the queue

    private func open() throws(DatabaseFailure) -> OpaquePointer {
        guard let connection else {
            throw DatabaseFailure(kind: .connection, message: "The connection is closed. Open a new one.")
        }
        return connection
    }

    private func command(_ sql: String) async throws(DatabaseFailure) {
        _ = try await queue.run { [self] in
            Result { () throws(DatabaseFailure) in
                let connection = try open()
                let result = PQexec(connection, sql)
                defer { PQclear(result) }
                return try outcome(of: result, connection: connection, options: nil)
            }
        }
    }

    /// Runs a statement in single-row mode: rows are copied one at a time into a compact buffer and, once they
    /// surely hold more than `byteLimit` bytes of data, the statement is cancelled and the rest of the result
    /// drained (dropped row by row), so memory stays bounded and the connection is ready for the next statement.
    private func stream(
        _ connection: OpaquePointer, sql: String, parameters: [PostgreSQLParameter], options: ResultSetOptions?,
        byteLimit: Int?
    ) throws(DatabaseFailure) -> StatementOutcome {
        guard PostgreSQLStatement.send(connection, sql: sql, parameters: parameters) else {
            throw PostgreSQLFailure.statement(result: nil, connection: connection)
        }
        PQsetSingleRowMode(connection)
        var rows = PostgreSQLRows()
        var isResultSet = false
        var tooLarge = false
        var ending: OpaquePointer?  // the command result or the error, when the statement gave one
        defer { PQclear(ending) }
        while let result = PQgetResult(connection) {
            switch PQresultStatus(result) {
            case PGRES_SINGLE_TUPLE, PGRES_TUPLES_OK:
                isResultSet = true
                rows.describe(result)
                if !tooLarge { rows.append(rowsOf: result) }
                if !tooLarge, let byteLimit, rows.dataSizeLowerBound > byteLimit {
                    tooLarge = true
                    cancelStatement()
                }
                PQclear(result)
            default:
                if ending == nil { ending = result } else { PQclear(result) }
            }
        }
        if tooLarge {
            // The cancel's error (57014) ends the result; in a transaction it aborts it, as the Data API does.
            return .tooLarge(columns: [])
        }
        if ending != nil || !isResultSet {
            return try outcome(of: ending, connection: connection, options: nil)
        }
        return try PostgreSQLResultReader.records(
            of: rows, connection: connection, catalog: &catalog, options: options, byteLimit: byteLimit)
    }

    /// Asks the server to cancel the running statement (from the queue, while its rows stream in).
    private func cancelStatement() {
        cancelHandle.withLock { handle in
            guard let handle = handle.value else { return }
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(handle, &buffer, Int32(buffer.count))
        }
    }

    /// Converts a libpq result (rows, command tag or error) into an outcome.
    private func outcome(
        of result: OpaquePointer?, connection: OpaquePointer, options: ResultSetOptions?
    ) throws(DatabaseFailure) -> StatementOutcome {
        switch result.map(PQresultStatus) {
        case PGRES_TUPLES_OK?:
            // `result` is non-nil here.
            guard let result else { break }
            var rows = PostgreSQLRows()
            rows.append(rowsOf: result)
            return try PostgreSQLResultReader.records(
                of: rows, connection: connection, catalog: &catalog, options: options, byteLimit: nil)
        case PGRES_COMMAND_OK?, PGRES_EMPTY_QUERY?:
            let count = result.flatMap { Int64(String(cString: PQcmdTuples($0))) } ?? 0
            return StatementOutcome(records: nil, columns: [], numberOfRecordsUpdated: count, generatedFields: [])
        default:
            break
        }
        throw PostgreSQLFailure.statement(result: result, connection: connection)
    }
}

/// Calls `body` with a NULL-terminated array of C strings.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let pointers = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: strings.count + 1)
    for (index, string) in strings.enumerated() { pointers[index] = UnsafePointer(strdup(string)) }
    pointers[strings.count] = nil
    defer {
        for index in 0..<strings.count { free(UnsafeMutablePointer(mutating: pointers[index])) }
        pointers.deallocate()
    }
    return body(pointers)
}
