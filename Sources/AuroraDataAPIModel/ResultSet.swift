#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The rows of one ExecuteStatement result, read by column index or label and decodable into `Decodable` types.
///
/// Built from `records` + `columnMetadata` (labels are `ColumnMetadata.label`) or from `formattedRecords`
/// (labels are the JSON keys); both go through the same parser, cells and conversions, so they decode to the same
/// values. https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html#API_ExecuteStatement_ResponseSyntax
public struct ResultSet: Sendable {
    /// One entry per column. Without `includeResultMetadata` the entries are placeholders without labels.
    public let columns: [ColumnMetadata]
    let storage: ResultStorage
    /// Column by label; -1 for a label that more than one column carries.
    let columnsByLabel: [String: Int]

    /// Pairs parsed cells with their columns. A placeholder column is made for each column `columns` lacks.
    init(columns: [ColumnMetadata], storage: ResultStorage) throws(DataAPIError) {
        var columns = columns
        if storage.rowCount > 0, columns.count != storage.columnCount {
            guard columns.isEmpty else {
                throw DataAPIError(
                    code: .malformedResponse,
                    message: "The response's columnMetadata lists \(columns.count) columns but its records have \(storage.columnCount) fields per row; the response is inconsistent, report it.")
            }
            columns = Array(repeating: ColumnMetadata(), count: storage.columnCount)
        }
        self.columns = columns
        self.storage = storage
        var byLabel: [String: Int] = [:]
        for (index, column) in columns.enumerated() {
            guard let label = column.label ?? column.name else { continue }
            byLabel[label] = byLabel[label] == nil ? index : -1
        }
        self.columnsByLabel = byLabel
    }

    /// A result set from Fields, e.g. one built by hand or by a test. The Fields are encoded to the Data API's JSON
    /// and parsed, so they behave exactly like a response's records.
    /// - Throws: `.invalidRequest` if a Field cannot be encoded, `.malformedResponse` if rows
    ///   differ in length or do not match `columns`.
    public init(columns: [ColumnMetadata] = [], records: [[Field]]) throws(DataAPIError) {
        let json: [UInt8]
        do {
            json = [UInt8](try DataAPIJSONCoding.encoder().encode(records))
        } catch {
            throw DataAPIError(code: .invalidRequest, message: "The records cannot be encoded as Data API JSON: \(error)")
        }
        let storage = try json.withUnsafeBufferPointer { buffer throws(DataAPIError) in
            var reader = JSONReader(bytes: buffer, subject: "records")
            let storage = try reader.readRecords(from: json)
            try reader.expectEnd()
            return storage
        }
        try self.init(columns: columns, storage: storage)
    }

    /// A result set from the `formattedRecords` text of a response run with `formatRecordsAs: JSON`: an array of
    /// objects keyed by column label. https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html#rdsdtataservice-ExecuteStatement-request-formatRecordsAs
    /// - Throws: `.malformedResponse` if the text is not such an array (objects must all have the same keys).
    public init(formattedRecords: String) throws(DataAPIError) {
        let storage = try ResultStorage.formattedRecords(formattedRecords)
        let labels = storage.formattedLabels ?? []
        try self.init(columns: labels.map { ColumnMetadata(name: $0, label: $0) }, storage: storage)
    }

    /// The number of rows.
    public var count: Int { storage.rowCount }

    /// Each column's label (its name when there is no label, "" without metadata).
    public var labels: [String] { columns.map { $0.label ?? $0.name ?? "" } }

    /// The rows, in order.
    public var rows: Rows { Rows(resultSet: self) }

    /// The column carrying `label`, if exactly one does.
    public func columnIndex(label: String) -> Int? {
        guard let index = columnsByLabel[label], index >= 0 else { return nil }
        return index
    }

    /// The rows of a ``ResultSet`` as a random-access collection.
    public struct Rows: RandomAccessCollection, Sendable {
        let resultSet: ResultSet
        public var startIndex: Int { 0 }
        public var endIndex: Int { resultSet.count }
        public subscript(position: Int) -> Row { Row(resultSet: resultSet, index: position) }
    }
}
