/// Parsing `records` and `formattedRecords` into ``ResultStorage``.
///
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html#API_ExecuteStatement_ResponseSyntax
extension JSONReader {
    /// Reads `records` (`list<list<Field>>`); every row must have the same number of fields.
    /// - Parameter source: the array `bytes` points into, kept by the storage.
    mutating func readRecords(from source: [UInt8]) throws(DataAPIError) -> ResultStorage {
        guard bytes.count < Int(UInt32.max) else { throw shapeError("records larger than 4 GiB") }
        var builder = CellBuilder()
        builder.cells.reserveCapacity(bytes.count / 24)
        var rowCount = 0
        var columnCount = 0
        try beginArray()
        var isFirstRow = true
        while try nextElement(isFirst: &isFirstRow) {
            try beginArray()
            var isFirstCell = true
            var column = 0
            while try nextElement(isFirst: &isFirstCell) {
                do {
                    builder.cells.append(try readFieldCell(into: &builder))
                } catch {
                    throw error.adding("It is in records[\(rowCount)][\(column)] (row \(rowCount), column \(column)).")
                }
                column += 1
            }
            if rowCount == 0 {
                columnCount = column
            } else if column != columnCount {
                throw shapeError("records[\(rowCount)] has \(column) fields but records[0] has \(columnCount)")
            }
            rowCount += 1
        }
        return ResultStorage(bytes: source, builder: builder, rowCount: rowCount, columnCount: columnCount)
    }

    /// Reads one value of a `formattedRecords` object into a cell: arrays that fit an `ArrayValue` become one, other
    /// arrays and objects keep their JSON text.
    mutating func readFormattedValue(into builder: inout CellBuilder) throws(DataAPIError) -> Cell {
        switch try peekValue() {
        case UInt8(ascii: "\""):
            let token = try readString()
            return Cell(kind: token.hasEscapes ? .escapedString : .string, start: token.start, end: token.end)
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return Cell(kind: try readBool() ? .trueValue : .falseValue)
        case UInt8(ascii: "n"):
            guard skipNull() else { throw error("a value") }
            return Cell(kind: .null)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let start = position
            try skipValue()
            let end = position
            var nested = JSONReader(bytes: slice(start, end), subject: subject)
            if bytes[start] == UInt8(ascii: "["), let array = ArrayValue(inferringFrom: try nested.readNode()) {
                builder.arrays.append(array)
                return Cell(kind: .array, start: builder.arrays.count - 1)
            }
            return Cell(kind: .json, start: start, end: end)
        default:
            let token = try readNumber()
            return Cell(kind: token.isInteger ? .long : .double, start: token.start, end: token.end)
        }
    }

    /// Whether a key token equals `label` (UTF-8).
    func matches(_ token: StringToken, label: [UInt8]) -> Bool {
        if token.hasEscapes { return JSONReader.unescape(slice(token.start, token.end)) == label }
        return slice(token.start, token.end).elementsEqual(label)
    }
}

extension ResultStorage {
    /// Parses `formattedRecords`: a JSON array of objects keyed by column label. The first object's keys, in order,
    /// are the columns; every other object must have exactly those keys.
    static func formattedRecords(_ text: String) throws(DataAPIError) -> ResultStorage {
        var text = text
        let source = text.withUTF8 { Array($0) }
        guard source.count < Int(UInt32.max) else {
            throw DataAPIError(code: .malformedResponse, message: "formattedRecords is larger than 4 GiB.")
        }
        let parsed = source.withUnsafeBufferPointer { buffer in
            Result { () throws(DataAPIError) in try parseFormattedRecords(buffer, source: source) }
        }
        return try parsed.get()
    }

    private static func parseFormattedRecords(
        _ buffer: UnsafeBufferPointer<UInt8>, source: [UInt8]
    ) throws(DataAPIError) -> ResultStorage {
        var reader = JSONReader(bytes: buffer, subject: "formattedRecords")
        var builder = CellBuilder()
        var labels: [String] = []
        var labelBytes: [[UInt8]] = []
        var rowCount = 0
        try reader.beginArray()
        var isFirstRow = true
        while try reader.nextElement(isFirst: &isFirstRow) {
            try reader.beginObject()
            var isFirstKey = true
            if rowCount == 0 {
                while let key = try reader.nextKey(isFirst: &isFirstKey) {
                    let label = reader.string(key)
                    guard !labels.contains(label) else {
                        throw reader.shapeError("row 0 has the key '\(label)' twice")
                    }
                    labels.append(label)
                    labelBytes.append(Array(label.utf8))
                    builder.cells.append(try reader.readFormattedValue(into: &builder))
                }
            } else {
                var row = [Cell?](repeating: nil, count: labels.count)
                var position = 0
                while let key = try reader.nextKey(isFirst: &isFirstKey) {
                    let column: Int
                    if position < labels.count, reader.matches(key, label: labelBytes[position]) {
                        column = position
                    } else if let found = labelBytes.firstIndex(where: { reader.matches(key, label: $0) }) {
                        column = found
                    } else {
                        throw reader.shapeError("row \(rowCount) has the key '\(reader.string(key))', which row 0 lacks")
                    }
                    guard row[column] == nil else {
                        throw reader.shapeError("row \(rowCount) has the key '\(labels[column])' twice")
                    }
                    row[column] = try reader.readFormattedValue(into: &builder)
                    position += 1
                }
                for (column, cell) in row.enumerated() {
                    guard let cell else {
                        throw reader.shapeError("row \(rowCount) lacks the key '\(labels[column])' (column \(column))")
                    }
                    builder.cells.append(cell)
                }
            }
            rowCount += 1
        }
        try reader.expectEnd()
        return ResultStorage(
            bytes: source, builder: builder, rowCount: rowCount, columnCount: labels.count, formattedLabels: labels)
    }
}

extension ArrayValue {
    /// The `ArrayValue` a JSON array stands for when its elements share one type (nulls allowed, no nulls among
    /// nested arrays): integers within Int64 become `longValues`, other numbers `doubleValues`; nil otherwise.
    init?(inferringFrom node: JSONNode) {
        guard case .array(let elements) = node else { return nil }
        if let longs = Self.values(elements, { node -> Int64? in
            guard case .integer(var text) = node else { return nil }
            return text.withUTF8 { NumberText.integer(bytes: $0, as: Int64.self) }
        }) {
            self = .longs(longs)
        } else if let doubles = Self.values(elements, { node -> Double? in
            switch node {
            case .integer(var text), .number(var text): return text.withUTF8 { NumberText.double(bytes: $0) }
            default: return nil
            }
        }) {
            self = .doubles(doubles)
        } else if let booleans = Self.values(elements, { node -> Bool? in
            if case .bool(let value) = node { return value }
            return nil
        }) {
            self = .booleans(booleans)
        } else if let strings = Self.values(elements, { node -> String? in
            if case .string(let value) = node { return value }
            return nil
        }) {
            self = .strings(strings)
        } else {
            var nested: [ArrayValue] = []
            for element in elements {
                guard let array = ArrayValue(inferringFrom: element) else { return nil }
                nested.append(array)
            }
            self = .arrays(nested)
        }
    }

    /// Every element through `extract` (JSON null stays nil); nil if any other element does not fit.
    private static func values<T>(_ elements: [JSONNode], _ extract: (JSONNode) -> T?) -> [T?]? {
        var values: [T?] = []
        values.reserveCapacity(elements.count)
        for element in elements {
            if case .null = element {
                values.append(nil)
            } else if let value = extract(element) {
                values.append(value)
            } else {
                return nil
            }
        }
        return values
    }
}

extension DataAPIError {
    /// The same error with a sentence added to its message.
    func adding(_ sentence: String) -> DataAPIError {
        var copy = self
        copy.message += " " + sentence
        return copy
    }
}
