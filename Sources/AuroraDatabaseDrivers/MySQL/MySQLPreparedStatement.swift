import AuroraDataAPIModel
import CMariaDB

/// A server-side prepared statement (`mysql_stmt_*`): values are bound, never spliced into the SQL.
final class MySQLPreparedStatement {
    private let statement: UnsafeMutablePointer<MYSQL_STMT>
    private let mysql: UnsafeMutablePointer<MYSQL>

    init(_ mysql: UnsafeMutablePointer<MYSQL>, sql: String) throws(DatabaseFailure) {
        guard let statement = mysql_stmt_init(mysql) else { throw MySQLFailure.of(mysql) }
        self.statement = statement
        self.mysql = mysql
        if mysql_stmt_prepare(statement, sql, UInt(sql.utf8.count)) != 0 {
            throw MySQLFailure.of(statement: statement)
        }
    }

    deinit { mysql_stmt_close(statement) }

    /// Binds `parameters` (one per `?`), runs the statement and reads its result row by row from the server (no
    /// `mysql_stmt_store_result`); past `byteLimit` bytes of data `stopQuery` is called (it ends the query on the
    /// server) and the rest is discarded without being kept.
    func execute(
        _ parameters: [SqlParameter], options: ResultSetOptions?, byteLimit: Int? = nil, stopQuery: () -> Void = {}
    ) throws(DatabaseFailure) -> StatementOutcome {
        let bindings = try MySQLBindings.parameters(parameters)
        if !parameters.isEmpty, mysql_stmt_bind_param(statement, bindings.binds) != 0 {
            throw MySQLFailure.of(statement: statement)
        }
        if mysql_stmt_execute(statement) != 0 { throw MySQLFailure.of(statement: statement) }
        guard let metadata = mysql_stmt_result_metadata(statement) else {
            let affected = mysql_stmt_affected_rows(statement)
            let insertID = mysql_stmt_insert_id(statement)
            return StatementOutcome(
                records: nil, columns: [], numberOfRecordsUpdated: affected == UInt64.max ? 0 : Int64(clamping: affected),
                generatedFields: insertID != 0 ? [.long(Int64(clamping: insertID))] : [])
        }
        defer { mysql_free_result(metadata) }
        let count = Int(mysql_num_fields(metadata))
        guard let fields = mysql_fetch_fields(metadata) else { throw MySQLFailure.of(statement: statement) }
        let columns = (0..<count).map { MySQLColumn(fields[$0]) }
        if let unsupported = columns.first(where: { $0.value == .unsupported }) {
            throw DatabaseFailure.unsupportedType(unsupported.metadata.typeName ?? "UNKNOWN")
        }
        // Unbuffered: freeing the result reads and drops whatever rows the server has still to send, so the
        // connection is clean for the next statement whether all rows were read or not.
        defer { mysql_stmt_free_result(statement) }
        guard let records = try readRows(columns, options: options, byteLimit: byteLimit) else {
            // Reads and drops the rows still in flight (one network packet at a time) up to the kill's error.
            stopQuery()
            mysql_stmt_reset(statement)
            return .tooLarge(columns: columns.map(\.metadata))
        }
        return StatementOutcome(records: records, columns: columns.map(\.metadata), numberOfRecordsUpdated: 0, generatedFields: [])
    }

    /// The rows, or nil once their data passes `byteLimit`.
    private func readRows(_ columns: [MySQLColumn], options: ResultSetOptions?, byteLimit: Int?) throws(DatabaseFailure) -> [[Field]]? {
        let initialCapacity = 256
        let bindings = MySQLBindings(count: columns.count)
        let lengths = bindings.allocate(MemoryLayout<UInt>.stride * columns.count).bindMemory(to: UInt.self, capacity: columns.count)
        let nulls = bindings.allocate(columns.count).bindMemory(to: my_bool.self, capacity: columns.count)
        for (index, column) in columns.enumerated() {
            let bind = bindings.binds + index
            bind.pointee.length = lengths + index
            bind.pointee.is_null = nulls + index
            switch column.value {
            case .integer:
                bind.pointee.buffer_type = MYSQL_TYPE_LONGLONG
                bind.pointee.is_unsigned = column.isUnsigned ? 1 : 0
                bind.pointee.buffer_length = 8
            case .double:
                bind.pointee.buffer_type = MYSQL_TYPE_DOUBLE
                bind.pointee.buffer_length = 8
            default:
                bind.pointee.buffer_type = MYSQL_TYPE_STRING
                bind.pointee.buffer_length = UInt(initialCapacity)
            }
            bind.pointee.buffer = bindings.allocate(max(Int(bind.pointee.buffer_length), 8))
        }
        if mysql_stmt_bind_result(statement, bindings.binds) != 0 { throw MySQLFailure.of(statement: statement) }
        var records: [[Field]] = []
        var total = 0
        while true {
            let status = mysql_stmt_fetch(statement)
            if status == MYSQL_NO_DATA { break }
            if status == 1 {
                // Unbuffered: an error the server sends mid-result (a killed query) is recorded on the session.
                throw mysql_stmt_errno(statement) != 0 ? MySQLFailure.of(statement: statement) : MySQLFailure.of(mysql)
            }
            var record: [Field] = []
            record.reserveCapacity(columns.count)
            for (index, column) in columns.enumerated() {
                let bind = bindings.binds + index
                if nulls[index] != 0 {
                    record.append(.null)
                    continue
                }
                switch column.value {
                case .integer:
                    record.append(column.integerField(signed: bind.pointee.buffer.load(as: Int64.self), options: options))
                case .double:
                    record.append(.double(bind.pointee.buffer.load(as: Double.self)))
                default:
                    let bytes = try columnBytes(index, bind: bind, length: Int(lengths[index]))
                    record.append(try column.field(bytes: bytes, options: options))
                }
            }
            if let byteLimit {
                total += record.reduce(0) { $0 + $1.dataSize }
                if total > byteLimit { return nil }
            }
            records.append(record)
        }
        return records
    }

    /// The value bytes; values longer than the bound buffer are fetched again in full.
    private func columnBytes(_ index: Int, bind: UnsafeMutablePointer<MYSQL_BIND>, length: Int) throws(DatabaseFailure) -> [UInt8] {
        if length <= Int(bind.pointee.buffer_length) {
            return Array(UnsafeRawBufferPointer(start: bind.pointee.buffer, count: length))
        }
        var bytes = [UInt8](repeating: 0, count: length)
        var full = bind.pointee
        var fetchedLength: UInt = 0
        let failed = bytes.withUnsafeMutableBytes { buffer in
            full.buffer = buffer.baseAddress
            full.buffer_length = UInt(length)
            return withUnsafeMutablePointer(to: &fetchedLength) { lengthPointer in
                full.length = lengthPointer
                return mysql_stmt_fetch_column(statement, &full, UInt32(index), 0) != 0
            }
        }
        if failed { throw MySQLFailure.of(statement: statement) }
        return bytes
    }
}
