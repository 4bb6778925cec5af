#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One row of a ``ResultSet``: values by column index or label, as ``Field``s or decoded into Swift types.
///
/// Implements reading `records` (`list<list<Field>>`) of
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html#API_ExecuteStatement_ResponseSyntax
public struct Row: Sendable {
    let resultSet: ResultSet
    /// The row's position in its result set.
    public let index: Int

    /// The number of columns.
    public var count: Int { resultSet.columns.count }

    /// The value of a column by position (traps when out of range, like an array).
    public subscript(column: Int) -> Field {
        precondition(column >= 0 && column < count, "column \(column) out of range 0..<\(count)")
        return resultSet.storage.field(resultSet.storage.cell(row: index, column: column))
    }

    /// The value of the column labelled `label`; nil when no column, or more than one, carries that label.
    public subscript(label: String) -> Field? {
        guard let column = resultSet.columnIndex(label: label) else { return nil }
        return self[column]
    }

    /// Whether the value of a column is SQL NULL, without materializing it (traps when out of range).
    public func isNull(at column: Int) -> Bool {
        precondition(column >= 0 && column < count, "column \(column) out of range 0..<\(count)")
        return resultSet.storage.cell(row: index, column: column).kind == .null
    }

    /// All values, in column order.
    public var fields: [Field] { (0..<count).map { self[$0] } }

    /// Decodes one column: `row.decode(Int.self, at: 0)`, `row.decode(Decimal?.self, at: 2)`. `options` apply to
    /// the keys of JSON column content.
    /// - Throws: `.decodingFailed` naming the row and column when the value does not convert (NULL into a
    ///   non-Optional, text that is no number, ...) or the column does not exist.
    public func decode<T: Decodable>(
        _ type: T.Type, at column: Int, options: RecordDecodingOptions = .init()
    ) throws(DataAPIError) -> T {
        guard column >= 0, column < count else {
            throw DataAPIError(
                code: .decodingFailed,
                message: "Cannot decode row \(index), column \(column): the result has \(count) columns.")
        }
        // The common column types converted straight from the cell, without a decoder or the generic conversion
        // (which look up generic metadata on every call). Each check binds a concrete type: a `T?` here would
        // cost a metadata lookup per call. The plain types come first, as each comparison with an Optional
        // type costs a lookup too. A cell that does not convert (NULL into a non-optional, text that is no
        // number) goes down the general path, which reports it.
        if type == String.self, let value = scalar(at: column, { $0.string() }) { return RowDecoder.identity(value, as: type) }
        if type == Int.self, let value = scalar(at: column, { $0.integer(Int.self) }) { return RowDecoder.identity(value, as: type) }
        if type == Int64.self, let value = scalar(at: column, { $0.integer(Int64.self) }) {
            return RowDecoder.identity(value, as: type)
        }
        if type == Double.self, let value = scalar(at: column, { $0.double() }) { return RowDecoder.identity(value, as: type) }
        if type == Bool.self, let value = scalar(at: column, { $0.bool() }) { return RowDecoder.identity(value, as: type) }
        if type == Decimal.self, let value = scalar(at: column, { $0.decimal() }) { return RowDecoder.identity(value, as: type) }
        if type == Date.self, let value = scalar(at: column, { $0.date() }) { return RowDecoder.identity(value, as: type) }
        if type == String?.self, let value = optional(at: column, { $0.string() }) { return RowDecoder.identity(value, as: type) }
        if type == Int?.self, let value = optional(at: column, { $0.integer(Int.self) }) {
            return RowDecoder.identity(value, as: type)
        }
        if type == Int64?.self, let value = optional(at: column, { $0.integer(Int64.self) }) {
            return RowDecoder.identity(value, as: type)
        }
        if type == Double?.self, let value = optional(at: column, { $0.double() }) { return RowDecoder.identity(value, as: type) }
        if type == Bool?.self, let value = optional(at: column, { $0.bool() }) { return RowDecoder.identity(value, as: type) }
        if type == Decimal?.self, let value = optional(at: column, { $0.decimal() }) {
            return RowDecoder.identity(value, as: type)
        }
        if type == Date?.self, let value = optional(at: column, { $0.date() }) { return RowDecoder.identity(value, as: type) }
        return try resultSet.withDecoder(options: options) { decoder throws(DataAPIError) in
            decoder.row = index
            return try decoder.decodeColumn(type, column: column)
        }
    }

    /// `.some(nil)` for NULL, `.some(value)`, or nil when the cell does not convert.
    private func optional<V>(at column: Int, _ convert: (Scalar) -> V?) -> V?? {
        scalar(at: column) { scalar -> V?? in
            if case .null = scalar { return .some(nil) }
            return convert(scalar).map { .some($0) }
        }
    }

    private func scalar<V>(at column: Int, _ convert: (Scalar) -> V?) -> V? {
        let storage = resultSet.storage
        let cell = storage.cell(row: index, column: column)
        return storage.bytes.withUnsafeBufferPointer { buffer in
            RowDecoder.withScalar(cell, storage: storage, buffer: buffer, convert)
        }
    }

    /// Decodes the column labelled `label`.
    /// - Throws: `.decodingFailed` naming the row and column.
    public func decode<T: Decodable>(
        _ type: T.Type, label: String, options: RecordDecodingOptions = .init()
    ) throws(DataAPIError) -> T {
        guard let column = resultSet.columnIndex(label: label) else {
            throw DataAPIError(
                code: .decodingFailed,
                message: "Cannot decode row \(index): \(resultSet.describeMissing(label: label))")
        }
        return try decode(type, at: column, options: options)
    }

    /// Decodes the whole row into a record type whose properties are named after the column labels.
    /// - Throws: `.decodingFailed` naming the row and column.
    public func decode<T: Decodable>(_ type: T.Type, options: RecordDecodingOptions = .init()) throws(DataAPIError) -> T {
        try resultSet.withDecoder(options: options) { decoder throws(DataAPIError) in
            decoder.row = index
            return try decoder.decodeRow(type)
        }
    }
}
