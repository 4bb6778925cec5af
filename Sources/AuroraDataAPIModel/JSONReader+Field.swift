/// Reading the Data API's `Field` and `ArrayValue` unions.
///
/// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_Field.html and
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ArrayValue.html: exactly one member is set;
/// members that are JSON `null` (and `"isNull": false`) count as absent; unknown members are skipped.
extension JSONReader {
    /// Reads one `Field` object into a cell (blobs and arrays go to the builder's side tables).
    mutating func readFieldCell(into builder: inout CellBuilder) throws(DataAPIError) -> Cell {
        skipWhitespace()
        if let cell = try readCompactField() { return cell }
        try beginObject()
        var isFirst = true
        var result: Cell?
        while let key = try nextKey(isFirst: &isFirst) {
            if skipNull() { continue }
            let cell: Cell
            switch fieldMember(key) {
            case .stringValue:
                let token = try readString()
                cell = Cell(kind: token.hasEscapes ? .escapedString : .string, start: token.start, end: token.end)
            case .longValue:
                let token = try readNumber()
                guard token.isInteger else { throw shapeError("longValue must be an integer") }
                cell = Cell(kind: .long, start: token.start, end: token.end)
            case .isNull:
                guard try readBool() else { continue }
                cell = Cell(kind: .null)
            case .doubleValue:
                let token = try readDouble()
                cell = Cell(kind: .double, start: token.start, end: token.end)
            case .booleanValue:
                cell = Cell(kind: try readBool() ? .trueValue : .falseValue)
            case .blobValue:
                builder.blobs.append(try readBase64())
                cell = Cell(kind: .blob, start: builder.blobs.count - 1)
            case .arrayValue:
                builder.arrays.append(try readArrayValue())
                cell = Cell(kind: .array, start: builder.arrays.count - 1)
            case nil:
                try skipValue()
                continue
            }
            guard result == nil else { throw shapeError("a Field has more than one member set") }
            result = cell
        }
        guard let result else {
            throw shapeError(
                "a Field has no member set (expected one of isNull, booleanValue, longValue, doubleValue, stringValue, blobValue, arrayValue)")
        }
        return result
    }

    private enum FieldMember {
        case isNull, booleanValue, longValue, doubleValue, stringValue, blobValue, arrayValue
    }

    /// Which `Field` member a key names, found by length and first byte, then checked in full.
    private func fieldMember(_ key: StringToken) -> FieldMember? {
        let candidate: (member: FieldMember, name: StaticString)
        switch (key.end - key.start, key.hasEscapes ? 0 : bytes[key.start]) {
        case (11, UInt8(ascii: "s")): candidate = (.stringValue, "stringValue")
        case (9, UInt8(ascii: "l")): candidate = (.longValue, "longValue")
        case (6, UInt8(ascii: "i")): candidate = (.isNull, "isNull")
        case (11, UInt8(ascii: "d")): candidate = (.doubleValue, "doubleValue")
        case (12, UInt8(ascii: "b")): candidate = (.booleanValue, "booleanValue")
        case (9, UInt8(ascii: "b")): candidate = (.blobValue, "blobValue")
        case (10, UInt8(ascii: "a")): candidate = (.arrayValue, "arrayValue")
        default:
            guard key.hasEscapes else { return nil }
            let all: [(FieldMember, StaticString)] = [
                (.isNull, "isNull"), (.booleanValue, "booleanValue"), (.longValue, "longValue"),
                (.doubleValue, "doubleValue"), (.stringValue, "stringValue"), (.blobValue, "blobValue"),
                (.arrayValue, "arrayValue"),
            ]
            return all.first { matches(key, $0.1) }?.0
        }
        return matches(key, candidate.name) ? candidate.member : nil
    }

    /// Reads a `doubleValue`: a JSON number, or one of the strings `"NaN"`, `"Infinity"`, `"-Infinity"`, which is how
    /// the AWS JSON protocols carry the values JSON numbers cannot hold
    /// (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html, "Shape serialization": float and double).
    /// The token's range is the number's text or the string's content; ``NumberText/double(bytes:)`` reads both.
    mutating func readDouble() throws(DataAPIError) -> NumberToken {
        guard try peekValue() == UInt8(ascii: "\"") else { return try readNumber() }
        let token = try readString()
        let text = slice(token.start, token.end)
        guard !token.hasEscapes, Self.nonFiniteSpellings.contains(where: { text.elementsEqual($0.utf8) }) else {
            throw shapeError(
                "a doubleValue string must be \"NaN\", \"Infinity\" or \"-Infinity\", found \"\(string(token).prefix(40))\"")
        }
        return NumberToken(start: token.start, end: token.end, isInteger: false)
    }

    /// The spellings of the non-finite doubles on the wire.
    static let nonFiniteSpellings = ["NaN", "Infinity", "-Infinity"]

    /// Reads a list of `Field`s (`generatedFields`) as Swift values.
    mutating func readFieldList() throws(DataAPIError) -> [Field]? {
        if skipNull() { return nil }
        var builder = CellBuilder()
        try beginArray()
        var isFirst = true
        while try nextElement(isFirst: &isFirst) { builder.cells.append(try readFieldCell(into: &builder)) }
        return builder.cells.map { $0.field(in: bytes, blobs: builder.blobs, arrays: builder.arrays) }
    }

    /// Reads a base64 string.
    mutating func readBase64() throws(DataAPIError) -> [UInt8] {
        let token = try readString()
        let decoded: [UInt8]?
        if token.hasEscapes {
            decoded = JSONReader.unescape(slice(token.start, token.end)).withUnsafeBufferPointer {
                Base64.decode(bytes: $0)
            }
        } else {
            decoded = Base64.decode(bytes: slice(token.start, token.end))
        }
        guard let decoded else { throw shapeError("blobValue is not valid base64") }
        return decoded
    }

    /// Reads one `ArrayValue` object.
    mutating func readArrayValue() throws(DataAPIError) -> ArrayValue {
        try beginObject()
        var isFirst = true
        var result: ArrayValue?
        while let key = try nextKey(isFirst: &isFirst) {
            if skipNull() { continue }
            let value: ArrayValue
            if matches(key, "longValues") {
                value = .longs(
                    try readNullableList { (reader: inout JSONReader) throws(DataAPIError) in
                        let token = try reader.readNumber()
                        guard token.isInteger,
                            let number = NumberText.integer(bytes: reader.slice(token.start, token.end), as: Int64.self)
                        else { throw reader.shapeError("longValues must hold integers within Int64") }
                        return number
                    })
            } else if matches(key, "stringValues") {
                value = .strings(
                    try readNullableList { (reader: inout JSONReader) throws(DataAPIError) in
                        reader.string(try reader.readString())
                    })
            } else if matches(key, "doubleValues") {
                value = .doubles(
                    try readNullableList { (reader: inout JSONReader) throws(DataAPIError) in
                        let token = try reader.readDouble()
                        return NumberText.double(bytes: reader.slice(token.start, token.end)) ?? .nan
                    })
            } else if matches(key, "booleanValues") {
                value = .booleans(
                    try readNullableList { (reader: inout JSONReader) throws(DataAPIError) in try reader.readBool() })
            } else if matches(key, "arrayValues") {
                var nested: [ArrayValue] = []
                try beginArray()
                var isFirstElement = true
                while try nextElement(isFirst: &isFirstElement) { nested.append(try readArrayValue()) }
                value = .arrays(nested)
            } else {
                try skipValue()
                continue
            }
            guard result == nil else { throw shapeError("an ArrayValue has more than one member set") }
            result = value
        }
        guard let result else {
            throw shapeError(
                "an ArrayValue has no member set (expected one of booleanValues, longValues, doubleValues, stringValues, arrayValues)")
        }
        return result
    }

    private mutating func readNullableList<Element>(
        _ readElement: (inout JSONReader) throws(DataAPIError) -> Element
    ) throws(DataAPIError) -> [Element?] {
        var values: [Element?] = []
        try beginArray()
        var isFirst = true
        while try nextElement(isFirst: &isFirst) {
            values.append(skipNull() ? nil : try readElement(&self))
        }
        return values
    }
}
