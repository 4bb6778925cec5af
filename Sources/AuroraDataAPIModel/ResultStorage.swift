import Synchronization

/// One value of a result set where it sits in the parsed text: a kind and a byte range (or an index into
/// ``ResultStorage/blobs`` / ``ResultStorage/arrays``). Twelve bytes per value, no allocation.
struct Cell: Sendable {
    enum Kind: UInt8, Sendable {
        case null, falseValue, trueValue
        /// An integer number (may exceed Int64: BIGINT UNSIGNED).
        case long
        /// Any other JSON number.
        case double
        /// String content without escapes.
        case string
        /// String content that contains escapes.
        case escapedString
        /// `start` indexes ``ResultStorage/blobs``.
        case blob
        /// `start` indexes ``ResultStorage/arrays``.
        case array
        /// Raw JSON text of an object or array (only in `formattedRecords`).
        case json
    }

    var kind: Kind
    var start: UInt32
    var end: UInt32

    /// The value as a ``Field``. An integer beyond Int64 (BIGINT UNSIGNED) becomes `.string` with its digits, and a
    /// JSON object from `formattedRecords` becomes `.string` with its JSON text.
    func field(in bytes: UnsafeBufferPointer<UInt8>, blobs: [[UInt8]], arrays: [ArrayValue]) -> Field {
        var text: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[Int(start)..<Int(end)]) }
        switch kind {
        case .null: return .null
        case .falseValue: return .bool(false)
        case .trueValue: return .bool(true)
        case .long:
            return NumberText.integer(bytes: text, as: Int64.self).map(Field.long)
                ?? .string(String(decoding: text, as: UTF8.self))
        case .double:
            return NumberText.double(bytes: text).map(Field.double) ?? .string(String(decoding: text, as: UTF8.self))
        case .string, .json: return .string(ValidatedText.string(text))
        case .escapedString: return .string(ValidatedText.unescaped(text))
        case .blob: return .blob(blobs[Int(start)])
        case .array: return .array(arrays[Int(start)])
        }
    }

    init(kind: Kind, start: Int = 0, end: Int = 0) {
        self.kind = kind
        self.start = UInt32(truncatingIfNeeded: start)
        self.end = UInt32(truncatingIfNeeded: end)
    }
}

/// The parsed values of a result set, row-major, over the bytes they came from. Immutable and shared by
/// ``ResultSet``, its rows and the response they came from.
final class ResultStorage: Sendable {
    /// The text the cells point into: the response body, or the unescaped `formattedRecords`.
    let bytes: [UInt8]
    let cells: [Cell]
    let rowCount: Int
    let columnCount: Int
    let blobs: [[UInt8]]
    let arrays: [ArrayValue]
    /// Labels found in `formattedRecords` (nil for `records`, whose labels come from `columnMetadata`).
    let formattedLabels: [String]?
    /// `records` as Fields, built on first use.
    private let fieldRows = Mutex<[[Field]]?>(nil)

    init(bytes: [UInt8], builder: CellBuilder, rowCount: Int, columnCount: Int, formattedLabels: [String]? = nil) {
        self.bytes = bytes
        self.cells = builder.cells
        self.blobs = builder.blobs
        self.arrays = builder.arrays
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.formattedLabels = formattedLabels
    }

    func cell(row: Int, column: Int) -> Cell { cells[row * columnCount + column] }

    func field(_ cell: Cell) -> Field {
        bytes.withUnsafeBufferPointer { cell.field(in: $0, blobs: blobs, arrays: arrays) }
    }

    /// All rows as Fields (built once, then shared).
    var fieldRecords: [[Field]] {
        fieldRows.withLock { cached in
            if let cached { return cached }
            var rows: [[Field]] = []
            rows.reserveCapacity(rowCount)
            for row in 0..<rowCount {
                rows.append((0..<columnCount).map { field(cell(row: row, column: $0)) })
            }
            cached = rows
            return rows
        }
    }
}

/// Collects cells and their side tables while parsing.
struct CellBuilder {
    var cells: [Cell] = []
    var blobs: [[UInt8]] = []
    var arrays: [ArrayValue] = []
}
