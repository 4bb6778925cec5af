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

        /// The first column labelled `prefix` followed by `key`, found without building that string.
        func position(prefix: String, key: String) -> Int? {
            guard labels.count <= 16 else { return byLabel[prefix + key] }
            let length = prefix.utf8.count + key.utf8.count
            return labels.firstIndex { label in label.utf8.count == length && Self.label(label, is: prefix, key) }
        }

        /// Whether `label` is `prefix` followed by `key`, compared byte for byte over the strings' own storage
        /// (the generic comparison of two `UTF8View`s steps through indices one byte at a time).
        private static func label(_ label: String, is prefix: String, _ key: String) -> Bool {
            let matched: Bool?? = label.utf8.withContiguousStorageIfAvailable { label -> Bool? in
                prefix.utf8.withContiguousStorageIfAvailable { prefix -> Bool? in
                    key.utf8.withContiguousStorageIfAvailable { key in
                        label.prefix(prefix.count).elementsEqual(prefix) && label.suffix(key.count).elementsEqual(key)
                    }
                } ?? nil
            }
            if let matched = matched ?? nil { return matched }
            return label.utf8.starts(with: prefix.utf8) && label.utf8.dropFirst(prefix.utf8.count).elementsEqual(key.utf8)
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
        decodeNil(at: try position(of: column))
    }

    /// Decodes the column's value.
    /// - Throws: `DataAPIError` (`decodingFailed`) naming the row and column when the value does not convert.
    public func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        try resultSet.rows[index].decode(type, at: try position(of: column))
    }

    /// Whether a column is labelled `prefix` followed by `key` (Fluent's `schema_field` labels).
    package func contains(prefix: String, key: String) -> Bool { columns.position(prefix: prefix, key: key) != nil }

    /// Whether the value of the column labelled `prefix` followed by `key` is SQL NULL.
    package func decodeNil(prefix: String, key: String) throws -> Bool {
        decodeNil(at: try position(columns.position(prefix: prefix, key: key), of: prefix + key))
    }

    /// Decodes the value of the column labelled `prefix` followed by `key`.
    package func decode<D: Decodable>(prefix: String, key: String, as type: D.Type) throws -> D {
        try resultSet.rows[index].decode(type, at: try position(columns.position(prefix: prefix, key: key), of: prefix + key))
    }

    private func decodeNil(at position: Int) -> Bool {
        resultSet.rows[index].isNull(at: position)
    }

    private func position(of column: String) throws(DataAPIError) -> Int {
        try position(columns.position(column), of: column)
    }

    /// `column` is built only when it names a missing column (Fluent's labels are the schema and the key joined).
    private func position(_ found: Int?, of column: @autoclosure () -> String) throws(DataAPIError) -> Int {
        guard let position = found else {
            let column = column()
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
