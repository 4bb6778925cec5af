import AuroraDataAPI
import SQLKit

/// One row of a Data API result as SQLKit reads it: columns by label, decoded by the client's record decoder
/// (DECIMAL into `Decimal`, TIMESTAMP into `Date`, JSON text into `Decodable` structures, ...).
///
/// Implements reading `records` and `columnMetadata` of
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html#API_ExecuteStatement_ResponseSyntax
public struct AuroraSQLRow: SQLRow {
    /// The result set the row belongs to.
    public var resultSet: ResultSet { columns.resultSet }
    /// The row's position in it.
    public let index: Int
    /// Two words in all, so that SQLKit's `any SQLRow` holds a row without allocating a box for it.
    let columns: Columns

    /// The column labels of a result set, looked up once per result: the first column wins when a label repeats
    /// (as in `SELECT *` over a join).
    final class Columns: Sendable {
        let resultSet: ResultSet
        let labels: [String]
        let byLabel: [String: Int]

        init(_ resultSet: ResultSet) {
            self.resultSet = resultSet
            labels = resultSet.labels
            var byLabel: [String: Int] = [:]
            for (index, label) in labels.enumerated() where byLabel[label] == nil { byLabel[label] = index }
            self.byLabel = byLabel
        }

        /// The first column labelled `label`: a scan of the labels for the usual few columns (comparing short
        /// strings is cheaper than hashing them, and SQLKit and Fluent ask twice per value), the table otherwise.
        func position(_ label: String) -> Int? {
            if labels.count <= 16 { return labels.firstIndex(of: label) }
            return byLabel[label]
        }
    }

    /// Row `index` of `resultSet`.
    public init(resultSet: ResultSet, index: Int) {
        self.init(index: index, columns: Columns(resultSet))
    }

    init(index: Int, columns: Columns) {
        self.index = index
        self.columns = columns
    }

    /// The column labels, in order.
    public var allColumns: [String] { columns.labels }

    /// Whether a column has this label.
    public func contains(column: String) -> Bool { columns.position(column) != nil }

    /// Whether the column's value is SQL NULL.
    /// - Throws: `DataAPIError` (`decodingFailed`) when no column has this label.
    public func decodeNil(column: String) throws -> Bool {
        if case .null = resultSet.rows[index][try position(of: column)] { return true }
        return false
    }

    /// Decodes the column's value.
    /// - Throws: `DataAPIError` (`decodingFailed`) naming the row and column when the value does not convert.
    public func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        try resultSet.rows[index].decode(type, at: try position(of: column))
    }

    private func position(of column: String) throws(DataAPIError) -> Int {
        guard let position = columns.position(column) else {
            throw DataAPIError(
                code: .decodingFailed,
                message: "Cannot decode row \(index): no column is labelled \"\(column)\" (the columns are "
                    + columns.labels.map { "\"\($0)\"" }.joined(separator: ", ") + ").")
        }
        return position
    }
}

extension AuroraSQLRow: CustomStringConvertible {
    /// The row's labels and values, for logs.
    public var description: String {
        let row = resultSet.rows[index]
        return "[" + columns.labels.enumerated().map { "\($1): \(row[$0])" }.joined(separator: ", ") + "]"
    }
}
