/// The fast path for a `Field` written the way the Data API writes it: compact, one member, that member first.
///
/// `{"stringValue":"…"}`, `{"longValue":…}`, `{"doubleValue":…}`, `{"isNull":true}` and
/// `{"booleanValue":true|false}` are recognised by their first 16 bytes, compared eight at a time; their values go
/// through the same readers as in ``JSONReader/readFieldCell(into:)``, so both paths accept and refuse the same
/// text. Anything else (whitespace, other members, another order, escaped keys) leaves the reader where it was and
/// the general path reads it.
extension JSONReader {
    /// The next 8 bytes from `offset` as a little-endian word (the caller checks that they exist).
    @inline(__always)
    func word(at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self))
    }

    /// Reads a compact `Field` at the current position (after whitespace); nil, with the position unchanged, when the
    /// text has another form.
    @inline(__always)
    mutating func readCompactField() throws(DataAPIError) -> Cell? {
        let start = position
        guard bytes.count - start >= 16 else { return nil }
        let head = word(at: start)
        let next = word(at: start + 8)
        let cell: Cell
        if head == CompactField.string, next == CompactField.stringRest {
            position = start + 15
            let token = try readString()
            cell = Cell(kind: token.hasEscapes ? .escapedString : .string, start: token.start, end: token.end)
        } else if head == CompactField.long, next & CompactField.mask5 == CompactField.longRest,
            Self.startsNumber(bytes[start + 13])
        {
            position = start + 13
            let token = try readNumber()
            guard token.isInteger else { throw shapeError("longValue must be an integer") }
            cell = Cell(kind: .long, start: token.start, end: token.end)
        } else if head == CompactField.double, next & CompactField.mask7 == CompactField.doubleRest,
            Self.startsNumber(bytes[start + 15]) || bytes[start + 15] == UInt8(ascii: "\"")
        {
            position = start + 15
            let token = try readDouble()
            cell = Cell(kind: .double, start: token.start, end: token.end)
        } else if head == CompactField.isNull, next & CompactField.mask7 == CompactField.isNullTrue {
            position = start + 15
            return Cell(kind: .null)
        } else if head == CompactField.boolean, next == CompactField.booleanRest, bytes.count - start >= 21 {
            position = start + 16
            guard let value = try? readBool() else {
                position = start
                return nil
            }
            cell = Cell(kind: value ? .trueValue : .falseValue)
        } else {
            return nil
        }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else {
            position = start
            return nil
        }
        position += 1
        return cell
    }

    @inline(__always)
    private static func startsNumber(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "-")
    }
}

/// The words the compact `Field` forms start with: their text (in the comment) as little-endian words, zero-padded
/// (`CompactFieldTests` checks each against its text).
enum CompactField {
    static var string: UInt64 { 0x676e_6972_7473_227b }  // "{\"string"
    static var stringRest: UInt64 { 0x223a_2265_756c_6156 }  // "Value\":\""
    static var long: UInt64 { 0x6156_676e_6f6c_227b }  // "{\"longVa"
    static var longRest: UInt64 { 0x0000_003a_2265_756c }  // "lue\":"
    static var double: UInt64 { 0x656c_6275_6f64_227b }  // "{\"double"
    static var doubleRest: UInt64 { 0x003a_2265_756c_6156 }  // "Value\":"
    static var isNull: UInt64 { 0x6c6c_754e_7369_227b }  // "{\"isNull"
    static var isNullTrue: UInt64 { 0x007d_6575_7274_3a22 }  // "\":true}"
    static var boolean: UInt64 { 0x6165_6c6f_6f62_227b }  // "{\"boolea"
    static var booleanRest: UInt64 { 0x3a22_6575_6c61_566e }  // "nValue\":"
    /// Keeps the first 5 or 7 bytes of a word.
    static var mask5: UInt64 { 0x0000_00FF_FFFF_FFFF }
    static var mask7: UInt64 { 0x00FF_FFFF_FFFF_FFFF }
}
