#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `Decoder` that turns rows into record types: properties are matched to columns by label (looked up once per
/// property position, then reused for every row), scalar properties convert straight from the parsed bytes
/// through ``Scalar`` without intermediate values, and structured ones (arrays, JSON columns) go through
/// ``JSONNodeDecoder``. One instance decodes all rows of a result set, one after the other.
final class RowDecoder: Decoder {
    let resultSet: ResultSet
    let storage: ResultStorage
    let buffer: UnsafeBufferPointer<UInt8>
    let options: RecordDecodingOptions
    /// Column by property key (labels converted by the key strategy); -1 when several columns match.
    let columnsByKey: [String: Int]
    // The mutable state is used by one decoding loop at a time; unchecked exclusivity spares a run-time access
    // check on every property lookup.
    /// The row being decoded.
    @exclusivity(unchecked) var row = 0
    /// The columns found for the keys of the previous row, by lookup order: a record type asks for its keys in
    /// the same order for every row, so a lookup is usually one string identity check.
    @exclusivity(unchecked) private var recentLookups: [(key: String, column: Int)] = []
    @exclusivity(unchecked) private var lookupPosition = 0

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static let missingColumn = -2
    static let ambiguousColumn = -1

    init(resultSet: ResultSet, buffer: UnsafeBufferPointer<UInt8>, options: RecordDecodingOptions) {
        self.resultSet = resultSet
        self.storage = resultSet.storage
        self.buffer = buffer
        self.options = options
        if options.keyDecodingStrategy == .useLabels {
            columnsByKey = resultSet.columnsByLabel
        } else {
            var byKey: [String: Int] = [:]
            for (label, column) in resultSet.columnsByLabel {
                let key = options.key(forLabel: label)
                byKey[key] = byKey[key] == nil ? column : Self.ambiguousColumn
            }
            columnsByKey = byKey
        }
    }

    // MARK: - Entry points

    /// Decodes the current row as a whole: a record type, or a scalar when the result has one column.
    func decodeRow<T: Decodable>(_ type: T.Type) throws(DataAPIError) -> T {
        lookupPosition = 0
        if resultSet.columns.count == 1 { return try decodeSingleColumnRow(type) }
        return try translatingErrors(type) { () throws in try T(from: self) }
    }

    /// A row of a one-column result: the column's value itself when `T` is a scalar type, else `T`'s own
    /// `init(from:)`. Kept out of ``decodeRow(_:)``, where the scalar conversion's generic metadata was looked up for
    /// every row of every result, one column or not.
    @inline(never)
    private func decodeSingleColumnRow<T: Decodable>(_ type: T.Type) throws(DataAPIError) -> T {
        switch withScalar(cell(0), { $0.convert(to: T.self) }) {
        case .value(let value): return value
        case .failed: throw mismatch(type, column: 0, path: [])
        case .notScalar: return try translatingErrors(type) { () throws in try T(from: self) }
        }
    }

    /// Decodes one column of the current row.
    func decodeColumn<T: Decodable>(_ type: T.Type, column: Int) throws(DataAPIError) -> T {
        try translatingErrors(type) { () throws in try self.value(type, column: column, path: []) }
    }

    /// Runs `body`, turning its errors into `.decodingFailed` ones that name the row (`type` is the type being
    /// decoded from the row: a record type, or the column's type).
    func translatingErrors<R>(_ type: Any.Type, _ body: () throws -> R) throws(DataAPIError) -> R {
        do {
            return try body()
        } catch let error as DataAPIError {
            throw error
        } catch let error as DecodingError {
            throw translate(error, type)
        } catch {
            throw DataAPIError(code: .decodingFailed, message: "Cannot decode row \(row) as \(type): \(error)")
        }
    }

    /// An error thrown by a type's own `init(from:)` (an enum's unknown raw value, a failed validation).
    private func translate(_ error: DecodingError, _ type: Any.Type) -> DataAPIError {
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let value), .valueNotFound(_, let value), .keyNotFound(_, let value),
            .dataCorrupted(let value):
            context = value
        @unknown default:
            return DataAPIError(code: .decodingFailed, message: "Cannot decode row \(row) as \(type): \(error)")
        }
        let path = context.codingPath
        let column = path.first.flatMap { columnsByKey[$0.stringValue] }.flatMap { $0 >= 0 ? $0 : nil }
        let location = self.context(column: column).location(Array(path.dropFirst(column == nil ? 0 : 1)))
        return DataAPIError(
            code: .decodingFailed, message: "Cannot decode \(location) as \(type): \(context.debugDescription)")
    }

    // MARK: - Cells

    func cell(_ column: Int) -> Cell { storage.cell(row: row, column: column) }

    /// Runs `body` with a cell as a ``Scalar`` borrowing the parsed bytes.
    @inline(__always)
    func withScalar<R>(_ cell: Cell, _ body: (Scalar) -> R) -> R {
        Self.withScalar(cell, storage: storage, buffer: buffer, body)
    }

    /// Runs `body` with a cell of `storage` (whose bytes are `buffer`) as a ``Scalar``.
    @inline(__always)
    static func withScalar<R>(
        _ cell: Cell, storage: ResultStorage, buffer: UnsafeBufferPointer<UInt8>, _ body: (Scalar) -> R
    ) -> R {
        // Only text cells have a byte range; blob and array cells index their own tables.
        func text() -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: buffer[Int(cell.start)..<Int(cell.end)]) }
        switch cell.kind {
        case .null: return body(.null)
        case .falseValue: return body(.bool(false))
        case .trueValue: return body(.bool(true))
        case .long: return body(.integer(text()))
        case .double: return body(.number(text()))
        case .string: return body(.string(text()))
        case .json: return body(.json(text()))
        case .escapedString: return JSONReader.unescape(text()).withUnsafeBufferPointer { body(.string($0)) }
        case .blob: return body(.blob(storage.blobs[Int(cell.start)]))
        case .array: return body(.array(storage.arrays[Int(cell.start)]))
        }
    }

    private func text(_ cell: Cell) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[Int(cell.start)..<Int(cell.end)])
    }

    /// The cell as a ``JSONNode``, for types that decode through their own `init(from:)`.
    func node(_ cell: Cell) throws(DataAPIError) -> JSONNode {
        switch cell.kind {
        case .null: return .null
        case .falseValue: return .bool(false)
        case .trueValue: return .bool(true)
        case .long: return .integer(String(decoding: text(cell), as: UTF8.self))
        case .double: return .number(String(decoding: text(cell), as: UTF8.self))
        case .string: return .string(ValidatedText.string(text(cell)))
        case .escapedString: return .string(ValidatedText.unescaped(text(cell)))
        case .blob: return .bytes(storage.blobs[Int(cell.start)])
        case .array: return JSONNode(storage.arrays[Int(cell.start)])
        case .json:
            return try JSONNode(parsing: text(cell), subject: "formattedRecords value")
        }
    }

    // MARK: - Columns by key

    /// The column for a key: >= 0, ``missingColumn`` or ``ambiguousColumn``.
    func lookup(_ key: String) -> Int {
        defer { lookupPosition += 1 }
        if lookupPosition < recentLookups.count {
            let recent = recentLookups[lookupPosition]
            if recent.key == key { return recent.column }
            let column = columnsByKey[key] ?? Self.missingColumn
            recentLookups[lookupPosition] = (key, column)
            return column
        }
        let column = columnsByKey[key] ?? Self.missingColumn
        if lookupPosition == recentLookups.count { recentLookups.append((key, column)) }
        return column
    }

    /// The column for a key that must exist.
    func requireColumn(_ key: String) throws(DataAPIError) -> Int {
        let column = lookup(key)
        guard column >= 0 else { throw columnError(key, column) }
        return column
    }

    func columnError(_ key: String, _ column: Int) -> DataAPIError {
        if column == Self.ambiguousColumn {
            let matching = resultSet.columns.indices.filter {
                options.key(forLabel: resultSet.labels[$0]) == key
            }
            return DataAPIError(
                code: .decodingFailed,
                message: "Cannot decode row \(row): columns \(matching.map(String.init).joined(separator: ", ")) all match the property '\(key)'; give them distinct labels in SQL (SELECT ... AS other_name).")
        }
        return DataAPIError(
            code: .decodingFailed,
            message: "Cannot decode row \(row): \(resultSet.describeMissing(label: key, options: options))")
    }

    func context(column: Int?) -> DecodingContext {
        let metadata = column.map { resultSet.columns[$0] }
        return DecodingContext(
            options: options, row: row, column: column, label: metadata.flatMap { $0.label ?? $0.name },
            typeName: metadata?.typeName)
    }

    func mismatch(_ type: Any.Type, column: Int, path: [any CodingKey]) -> DataAPIError {
        context(column: column).mismatch(type, found: withScalar(cell(column)) { $0.description }, path: path)
    }

    // MARK: - Values
    //
    // Each takes the property's column as found by ``lookup(_:)`` (or resolved once by ``RecordCursor``) and its
    // key, which only error messages use.

    /// A String column: text as it is, numbers as their text (escaped text is unescaped straight into the String).
    func string(column: Int, key: @autoclosure () -> String) throws(DataAPIError) -> String {
        guard column >= 0 else { throw columnError(key(), column) }
        if let value = string(cell(column)) { return value }
        throw mismatch(String.self, column: column, path: [])
    }

    /// As ``string(column:key:)`` but nil for a missing column or NULL.
    func stringIfPresent(column: Int, key: @autoclosure () -> String) throws(DataAPIError) -> String? {
        if column == Self.missingColumn { return nil }
        guard column >= 0 else { throw columnError(key(), column) }
        let cell = cell(column)
        if cell.kind == .null { return nil }
        if let value = string(cell) { return value }
        throw mismatch(String.self, column: column, path: [])
    }

    private func string(_ cell: Cell) -> String? {
        switch cell.kind {
        case .string: return ValidatedText.string(text(cell))
        case .escapedString: return ValidatedText.unescaped(text(cell))
        default: return withScalar(cell) { $0.string() }
        }
    }

    /// Converts a scalar column, failing with the row and column named.
    @inline(__always)
    func scalar<T>(
        column: Int, key: @autoclosure () -> String, _ type: T.Type, _ convert: (Scalar) -> T?
    ) throws(DataAPIError) -> T {
        guard column >= 0 else { throw columnError(key(), column) }
        if let value = withScalar(cell(column), convert) { return value }
        throw mismatch(type, column: column, path: [])
    }

    /// As ``scalar(column:key:_:_:)`` but nil for a missing column or NULL.
    @inline(__always)
    func scalarIfPresent<T>(
        column: Int, key: @autoclosure () -> String, _ type: T.Type, _ convert: (Scalar) -> T?
    ) throws(DataAPIError) -> T? {
        if column == Self.missingColumn { return nil }
        guard column >= 0 else { throw columnError(key(), column) }
        let cell = cell(column)
        if cell.kind == .null { return nil }
        if let value = withScalar(cell, convert) { return value }
        throw mismatch(type, column: column, path: [])
    }

    /// Any Decodable property. Decimal and Date, the common non-primitive column types, are converted without
    /// run-time generic dispatch (which would look up generic metadata for every value).
    func property<T: Decodable>(_ type: T.Type, column: Int, key: some CodingKey) throws -> T {
        if type == Decimal.self {
            return Self.identity(try scalar(column: column, key: key.stringValue, Decimal.self) { $0.decimal() }, as: type)
        }
        if type == Date.self {
            return Self.identity(try scalar(column: column, key: key.stringValue, Date.self) { $0.date() }, as: type)
        }
        guard column >= 0 else { throw columnError(key.stringValue, column) }
        return try value(type, column: column, path: [key])
    }

    /// As ``property(_:column:key:)`` but nil for a missing column or NULL.
    func propertyIfPresent<T: Decodable>(_ type: T.Type, column: Int, key: some CodingKey) throws -> T? {
        if type == Decimal.self {
            let value = try scalarIfPresent(column: column, key: key.stringValue, Decimal.self) { $0.decimal() }
            return value.map { Self.identity($0, as: type) }
        }
        if type == Date.self {
            let value = try scalarIfPresent(column: column, key: key.stringValue, Date.self) { $0.date() }
            return value.map { Self.identity($0, as: type) }
        }
        if column == Self.missingColumn { return nil }
        guard column >= 0 else { throw columnError(key.stringValue, column) }
        if cell(column).kind == .null { return nil }
        return try value(type, column: column, path: [key])
    }

    /// Decodes any Decodable type from a column; `path` is the property's key, if any.
    func value<T: Decodable>(_ type: T.Type, column: Int, path: @autoclosure () -> [any CodingKey]) throws -> T {
        let cell = cell(column)
        switch withScalar(cell, { $0.convert(to: T.self) }) {
        case .value(let value): return value
        case .failed: throw mismatch(type, column: column, path: [])
        case .notScalar:
            return try JSONNodeDecoder.decode(type, from: try node(cell), path: path(), context: context(column: column))
        }
    }

    /// `value` as `T` when the caller has checked that `T` is `V` (a cast without the dynamic-cast machinery).
    @inline(__always)
    static func identity<V, T>(_ value: V, as type: T.Type) -> T { unsafeBitCast(value, to: T.self) }

    // MARK: - Decoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RowKeyedContainer<Key>(decoder: self))
    }

    /// The row's values in column order.
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        var nodes: [JSONNode] = []
        for column in resultSet.columns.indices { nodes.append(try node(cell(column))) }
        return try JSONNodeDecoder(node: .array(nodes), codingPath: [], context: context(column: nil)).unkeyedContainer()
    }

    /// The single column of a one-column result.
    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        guard resultSet.columns.count == 1 else {
            throw DataAPIError(
                code: .decodingFailed,
                message: "Cannot decode row \(row) as a single value: the result has \(resultSet.columns.count) columns; decode a record type or one column with row.decode(_:at:).")
        }
        return try JSONNodeDecoder(node: try node(cell(0)), codingPath: [], context: context(column: 0))
            .singleValueContainer()
    }
}

extension ResultSet {
    /// Why a label matches no column, with the labels there are.
    func describeMissing(label: String, options: RecordDecodingOptions = .init()) -> String {
        let known = labels.filter { !$0.isEmpty }
        guard !known.isEmpty || columns.isEmpty else {
            return "the result has no column labels, so '\(label)' cannot be found; run the statement with includeResultMetadata: true (or formatRecordsAs: JSON)."
        }
        let strategy = options.keyDecodingStrategy == .useLabels ? "" : " (after converting from snake_case)"
        return "no column is labelled '\(label)'\(strategy); the labels are \(known.joined(separator: ", ")). Alias the column in SQL (AS \(label)), rename the property, or make it Optional."
    }
}
