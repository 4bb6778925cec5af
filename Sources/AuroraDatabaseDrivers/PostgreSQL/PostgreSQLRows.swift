import CLibPQ

/// Rows of a result as libpq delivered them (text), held compactly in one buffer: the catalog cannot be asked
/// about unknown column types while the result is still streaming in, so values are converted afterwards.
struct PostgreSQLRows {
    /// A result column as libpq describes it.
    struct Column {
        var oid: UInt32
        var name: String
        var typmod: Int32
        var table: UInt32
        var tableColumn: Int32
    }

    private(set) var columns: [Column] = []
    private(set) var rowCount = 0
    private var bytes: [UInt8] = []
    /// Per cell, row after row: where its text starts in `bytes` and its length (-1: NULL).
    private var cells: [(start: Int, length: Int32)] = []
    /// A lower bound of the rows' data size (``Field/dataSize``) whatever the column types: a NULL counts 1 and a
    /// value a quarter of its text (bytea's hex text is 2n + 2 bytes for n, a double's text at most 24 bytes for 8,
    /// an array's text at most about 4 bytes per counted byte), so passing a limit here means the data passes it.
    private(set) var dataSizeLowerBound = 0

    /// Takes the column descriptions of `result` unless known already.
    mutating func describe(_ result: OpaquePointer) {
        guard rowCount == 0, columns.isEmpty else { return }
        columns = (0..<PQnfields(result)).map { column in
            Column(
                oid: PQftype(result, column), name: String(cString: PQfname(result, column)), typmod: PQfmod(result, column),
                table: PQftable(result, column), tableColumn: PQftablecol(result, column))
        }
    }

    /// Copies the rows of `result`.
    mutating func append(rowsOf result: OpaquePointer) {
        describe(result)
        for row in 0..<PQntuples(result) {
            for column in 0..<Int32(columns.count) {
                if PQgetisnull(result, row, column) == 1 {
                    cells.append((bytes.count, -1))
                    dataSizeLowerBound += 1
                    continue
                }
                let length = Int(PQgetlength(result, row, column))
                let start = bytes.count
                PQgetvalue(result, row, column).withMemoryRebound(to: UInt8.self, capacity: length) { value in
                    bytes.append(contentsOf: UnsafeBufferPointer(start: value, count: length))
                }
                cells.append((start, Int32(length)))
                dataSizeLowerBound += length / 4
            }
            rowCount += 1
        }
    }

    /// The text of a cell, nil for NULL.
    func text(row: Int, column: Int) -> String? {
        let cell = cells[row * columns.count + column]
        guard cell.length >= 0 else { return nil }
        return String(decoding: bytes[cell.start..<cell.start + Int(cell.length)], as: UTF8.self)
    }
}
