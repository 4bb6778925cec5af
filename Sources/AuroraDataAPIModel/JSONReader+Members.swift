/// Reading optional members of response objects: a member that is JSON `null` counts as absent (moto and some
/// emulators send explicit nulls).
extension JSONReader {
    mutating func readOptionalString() throws(DataAPIError) -> String? {
        if skipNull() { return nil }
        guard try peekValue() == UInt8(ascii: "\"") else { throw shapeError("expected a string") }
        return string(try readString())
    }

    mutating func readOptionalBool() throws(DataAPIError) -> Bool? {
        if skipNull() { return nil }
        guard [UInt8(ascii: "t"), UInt8(ascii: "f")].contains(try peekValue()) else {
            throw shapeError("expected true or false")
        }
        return try readBool()
    }

    mutating func readOptionalInteger<I: FixedWidthInteger>(_ type: I.Type) throws(DataAPIError) -> I? {
        if skipNull() { return nil }
        let first = try peekValue()
        guard first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            throw shapeError("expected an integer")
        }
        let token = try readNumber()
        guard token.isInteger, let value = NumberText.integer(bytes: slice(token.start, token.end), as: I.self) else {
            throw shapeError("expected an integer within \(I.self)")
        }
        return value
    }

    /// Reads an optional array, calling `readElement` for each element.
    mutating func readOptionalArray<Element>(
        _ readElement: (inout JSONReader) throws(DataAPIError) -> Element
    ) throws(DataAPIError) -> [Element]? {
        if skipNull() { return nil }
        guard try peekValue() == UInt8(ascii: "[") else { throw shapeError("expected an array") }
        try beginArray()
        var elements: [Element] = []
        var isFirst = true
        while try nextElement(isFirst: &isFirst) { elements.append(try readElement(&self)) }
        return elements
    }

    /// Reads the members of an object, calling `readMember` with each key; `readMember` must consume the value.
    mutating func readObject(
        _ readMember: (inout JSONReader, StringToken) throws(DataAPIError) -> Void
    ) throws(DataAPIError) {
        guard try peekValue() == UInt8(ascii: "{") else { throw shapeError("expected an object") }
        try beginObject()
        var isFirst = true
        while let key = try nextKey(isFirst: &isFirst) { try readMember(&self, key) }
    }
}
