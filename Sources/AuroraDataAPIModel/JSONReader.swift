/// A validating, allocation-free JSON scanner over UTF-8 bytes (RFC 8259).
///
/// It is the only JSON parser of the module: responses, `formattedRecords` and JSON column text all go through it,
/// so every consumer accepts and refuses exactly the same input. It never builds a document: callers walk objects and
/// arrays with ``nextKey(isFirst:)`` / ``nextElement(isFirst:)`` and read scalars as tokens (byte ranges), creating
/// Swift values only where they need them. Strings are validated (escapes, surrogate pairs, UTF-8) while scanning,
/// nesting is limited to ``maxDepth``, and every loop consumes input, so damaged input ends in an error, never a
/// crash or a hang.
struct JSONReader {
    /// Deeper nesting is refused (the Data API's deepest shape, a nested `arrayValue`, is far below this).
    static let maxDepth = 64

    /// A string's content (between the quotes) as a byte range; `hasEscapes` says whether it must be unescaped.
    struct StringToken {
        var start: Int
        var end: Int
        var hasEscapes: Bool
    }

    /// A number's text as a byte range; `isInteger` when it has neither fraction nor exponent.
    struct NumberToken {
        var start: Int
        var end: Int
        var isInteger: Bool
    }

    let bytes: UnsafeBufferPointer<UInt8>
    /// What is being read, for error messages ("response", "formattedRecords", ...).
    let subject: String
    /// What to do about malformed text, for error messages; nil for a response body, whose advice depends on
    /// whether it ends early (``truncatedRemedy``) or not (``unreadableRemedy``).
    let remedy: String?
    var position = 0
    private var depth = 0

    /// Advice for text that ends early: it was cut short on the way, so another attempt may get all of it.
    static let truncatedRemedy = "The text ends early, as if cut short on the way; retry the call, and report it if it persists."
    /// Advice for complete text that is not what the client can read: retrying gets the same answer.
    static let unreadableRemedy =
        "Retrying will not help: check that the endpoint is an RDS Data API endpoint, and report it (with the statement and the endpoint) if it is."

    init(bytes: UnsafeBufferPointer<UInt8>, subject: String, remedy: String? = nil) {
        self.bytes = bytes
        self.subject = subject
        self.remedy = remedy
    }

    // MARK: - Errors

    /// A `.malformedResponse` error saying what was expected at the current position.
    func error(_ expectation: String) -> DataAPIError {
        let found: String
        if position >= bytes.count {
            found = "the text ends after \(bytes.count) bytes"
        } else {
            let byte = bytes[position]
            found = byte >= 0x20 && byte < 0x7F
                ? "found '\(Character(Unicode.Scalar(byte)))' at byte \(position)" : "found byte 0x\(String(byte, radix: 16)) at byte \(position)"
        }
        let advice = remedy ?? (position >= bytes.count ? Self.truncatedRemedy : Self.unreadableRemedy)
        return DataAPIError(
            code: .malformedResponse,
            message: "The \(subject) is not valid JSON: expected \(expectation), \(found). \(advice)")
    }

    /// A `.malformedResponse` error for valid JSON that does not have the shape the Data API defines.
    func shapeError(_ problem: String) -> DataAPIError {
        DataAPIError(
            code: .malformedResponse,
            message: "The \(subject) does not have the Data API's shape: \(problem) (near byte \(position)). Check that the endpoint is an RDS Data API endpoint; report it if it is.")
    }

    // MARK: - Structure

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// The first byte of the next value (after whitespace), without consuming it.
    @inline(__always)
    mutating func peekValue() throws(DataAPIError) -> UInt8 {
        skipWhitespace()
        guard position < bytes.count else { throw error("a value") }
        return bytes[position]
    }

    /// Consumes `null` if it is the next value.
    @inline(__always)
    mutating func skipNull() -> Bool {
        skipWhitespace()
        guard bytes.count - position >= 4, bytes[position] == UInt8(ascii: "n"), bytes[position + 1] == UInt8(ascii: "u"),
            bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "l")
        else { return false }
        position += 4
        return true
    }

    mutating func beginObject() throws(DataAPIError) {
        guard try peekValue() == UInt8(ascii: "{") else { throw error("an object '{'") }
        try enter()
    }

    mutating func beginArray() throws(DataAPIError) {
        guard try peekValue() == UInt8(ascii: "[") else { throw error("an array '['") }
        try enter()
    }

    @inline(__always)
    private mutating func enter() throws(DataAPIError) {
        guard depth < Self.maxDepth else { throw error("at most \(Self.maxDepth) levels of nesting") }
        depth += 1
        position += 1
    }

    /// Reads the next member's key and the `:` after it; nil (and the closing `}` consumed) at the end of the object.
    @inline(__always)
    mutating func nextKey(isFirst: inout Bool) throws(DataAPIError) -> StringToken? {
        skipWhitespace()
        guard position < bytes.count else { throw error(isFirst ? "a key or '}'" : "',' or '}'") }
        if bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return nil
        }
        if isFirst {
            isFirst = false
        } else {
            guard bytes[position] == UInt8(ascii: ",") else { throw error("',' or '}'") }
            position += 1
            skipWhitespace()
        }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("a key string") }
        let key = try readString()
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("':' after a key") }
        position += 1
        return key
    }

    /// True when another element follows (its value not yet read); false (and `]` consumed) at the end of the array.
    @inline(__always)
    mutating func nextElement(isFirst: inout Bool) throws(DataAPIError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw error(isFirst ? "a value or ']'" : "',' or ']'") }
        if bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return false
        }
        if isFirst {
            isFirst = false
        } else {
            guard bytes[position] == UInt8(ascii: ",") else { throw error("',' or ']'") }
            position += 1
        }
        return true
    }

    /// Checks that only whitespace is left.
    mutating func expectEnd() throws(DataAPIError) {
        skipWhitespace()
        guard position == bytes.count else { throw error("the end of the text") }
    }

    /// Validates and skips one value of any type.
    mutating func skipValue() throws(DataAPIError) {
        switch try peekValue() {
        case UInt8(ascii: "{"):
            try beginObject()
            var isFirst = true
            while try nextKey(isFirst: &isFirst) != nil { try skipValue() }
        case UInt8(ascii: "["):
            try beginArray()
            var isFirst = true
            while try nextElement(isFirst: &isFirst) { try skipValue() }
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try readBool()
        case UInt8(ascii: "n"):
            guard skipNull() else { throw error("a value") }
        default: _ = try readNumber()
        }
    }

    // MARK: - Scalars

    mutating func readBool() throws(DataAPIError) -> Bool {
        skipWhitespace()
        if matchLiteral("true") { return true }
        if matchLiteral("false") { return false }
        throw error("true or false")
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - position >= count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count where bytes[position + offset] != pointer[offset] { return false }
        position += count
        return true
    }

    /// Reads a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func readNumber() throws(DataAPIError) -> NumberToken {
        skipWhitespace()
        let start = position
        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw error("a value") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("a digit after '.'") }
            skipDigits()
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("a digit in the exponent") }
            skipDigits()
        }
        return NumberToken(start: start, end: position, isInteger: isInteger)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private mutating func skipDigits() {
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }

    /// Reads a string (the reader must be at its opening quote, after whitespace).
    ///
    /// Scans 8 bytes at a time for the bytes that end a plain run (quote, backslash, control character); text
    /// beyond ASCII is then validated as UTF-8 in a second pass over the string, only when there is some (one pass
    /// feeding the automaton as it scans measured slower: the check for ASCII words mispredicts on mixed text). The
    /// scan keeps its index in a local and sets ``position`` once, at the end or at an error.
    mutating func readString() throws(DataAPIError) -> StringToken {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let base = bytes.baseAddress else {
            throw error("a string")
        }
        let count = bytes.count
        let start = position + 1
        var index = start
        var hasEscapes = false
        var seen: UInt64 = 0
        while true {
            if count &- index >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let special = Self.specialBytes(word)
                if special == 0 {
                    seen |= word
                    index &+= 8
                    continue
                }
                let plainBytes = special.trailingZeroBitCount &>> 3
                seen |= word & ((1 &<< (plainBytes &<< 3)) &- 1)
                index &+= plainBytes
            } else if index == count {
                break
            }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                position = index &+ 1
                if seen & 0x8080_8080_8080_8080 != 0 { try validateUTF8(from: start, to: index) }
                return StringToken(start: start, end: index, hasEscapes: hasEscapes)
            } else if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                // The one-letter escapes are most of them: skipped here; `\\u` goes through the checks.
                if count &- index >= 2, Self.isOneLetterEscape(base[index &+ 1]) {
                    index &+= 2
                } else {
                    position = index
                    try skipEscape()
                    index = position
                }
            } else if byte < 0x20 {
                position = index
                throw error("a control character in a string to be escaped")
            } else {
                seen |= UInt64(byte)
                index &+= 1
            }
        }
        position = index
        throw error("the closing '\"' of a string")
    }

    /// The high bit of each byte of `word` (little-endian) that ends a plain run: a quote, a backslash or a byte
    /// below 0x20 (bytes beyond ASCII set none). A borrow can only set bits above a byte that is really one of them,
    /// so the lowest set bit marks the first such byte.
    @inline(__always)
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        return (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word))
            & 0x8080_8080_8080_8080
    }

    /// Validates `bytes[start..<end]` as UTF-8 (no overlong forms, no surrogates, at most U+10FFFF): a leading ASCII
    /// run 8 bytes at a time, then every byte through ``UTF8Automaton``. On failure the position is left at the
    /// sequence that is not valid, for the error message.
    ///
    /// The rest is cut in two at a byte that is not a continuation byte, and the halves go through the automaton
    /// side by side: valid UTF-8 splits there into two valid halves, and two valid halves join into valid UTF-8.
    /// The two chains of shifts are independent, so the processor runs them at once.
    private mutating func validateUTF8(from start: Int, to end: Int) throws(DataAPIError) {
        guard let base = bytes.baseAddress else { return }
        var index = start
        while end - index >= 8, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            index += 8
        }
        var middle = index + (end - index) / 2
        while middle < end, base[middle] & 0xC0 == 0x80 { middle += 1 }
        var first = UTF8Automaton.accept
        var second = UTF8Automaton.accept
        UTF8Automaton.transitions.withUnsafeBufferPointer { table in
            // Only the low 6 bits of a state count (`&>>` shifts by them alone), so each byte costs one lookup and
            // one shift; the reject state is a sink, so one check at the end is enough.
            let shared = min(middle - index, end - middle)
            for offset in 0..<shared {
                first = table[Int(base[index &+ offset])] &>> first
                second = table[Int(base[middle &+ offset])] &>> second
            }
            for offset in (index + shared)..<middle { first = table[Int(base[offset])] &>> first }
            for offset in (middle + shared)..<end { second = table[Int(base[offset])] &>> second }
        }
        if first & 63 == UTF8Automaton.accept, second & 63 == UTF8Automaton.accept { return }
        position = UTF8Automaton.firstInvalidSequence(UnsafeBufferPointer(rebasing: bytes[index..<end])) + index
        throw error("valid UTF-8")
    }

    /// Whether `byte` after a backslash makes a whole escape (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`).
    @inline(__always)
    private static func isOneLetterEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return true
        default: return false
        }
    }

    /// Validates one escape sequence starting at the backslash; a high surrogate must be followed by a low one.
    private mutating func skipEscape() throws(DataAPIError) {
        position += 1
        guard position < bytes.count else { throw error("an escape sequence") }
        if Self.isOneLetterEscape(bytes[position]) {
            position += 1
            return
        }
        guard bytes[position] == UInt8(ascii: "u") else {
            throw error("a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
        }
        let unit = try readHexUnit()
        if (0xD800...0xDBFF).contains(unit) {
            guard bytes.count - position >= 2, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            else { throw error("a low surrogate '\\uDC00'...'\\uDFFF' after a high surrogate") }
            position += 1
            guard (0xDC00...0xDFFF).contains(try readHexUnit()) else {
                throw error("a low surrogate '\\uDC00'...'\\uDFFF' after a high surrogate")
            }
        } else if (0xDC00...0xDFFF).contains(unit) {
            throw error("a high surrogate before the low surrogate")
        }
    }

    /// Reads `uXXXX` (the reader is at the `u`) and returns the code unit.
    private mutating func readHexUnit() throws(DataAPIError) -> UInt32 {
        position += 1
        guard bytes.count - position >= 4 else { throw error("four hex digits after \\u") }
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Self.hexValue(bytes[position]) else { throw error("four hex digits after \\u") }
            unit = unit << 4 | digit
            position += 1
        }
        return unit
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    // MARK: - Token values

    /// The bytes of a token.
    func slice(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// The text of a (validated) string token.
    func string(_ token: StringToken) -> String {
        if !token.hasEscapes { return ValidatedText.string(slice(token.start, token.end)) }
        return ValidatedText.unescaped(slice(token.start, token.end))
    }


    /// Whether a key token equals `name` (keys with escapes are unescaped first).
    @inline(__always)
    func matches(_ token: StringToken, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        if token.hasEscapes {
            let text = JSONReader.unescape(slice(token.start, token.end))
            return text.elementsEqual(UnsafeBufferPointer(start: name.utf8Start, count: count))
        }
        guard token.end - token.start == count, let base = bytes.baseAddress else { return false }
        let text = UnsafeRawPointer(base + token.start)
        let expected = UnsafeRawPointer(name.utf8Start)
        var offset = 0
        while count - offset >= 8 {
            guard text.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                == expected.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset += 8
        }
        while offset < count {
            guard text.load(fromByteOffset: offset, as: UInt8.self) == expected.load(fromByteOffset: offset, as: UInt8.self)
            else { return false }
            offset += 1
        }
        return true
    }

    /// Unescapes the content of a string the reader has validated.
    static func unescape(_ content: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: content.count) { buffer, count in
            count = unescape(content, into: buffer)
        }
    }

    /// Writes the unescaped bytes of `content` to `out` (at least `content.count` long); returns how many.
    ///
    /// Copies 8 bytes at a time, one load and one store per word, and looks in the same word for a backslash: the
    /// output never gets ahead of the input, so a whole-word store stays within `out` whenever a whole word of input
    /// is left, and the bytes after a backslash are simply overwritten.
    static func unescape(_ content: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        guard let source = content.baseAddress, let target = out.baseAddress else { return 0 }
        precondition(out.count >= content.count, "unescape needs room for the whole content")
        let count = content.count
        var written = 0
        var index = 0
        func hexUnit(at start: Int) -> UInt32 {
            var unit: UInt32 = 0
            for offset in 0..<4 { unit = unit << 4 | (hexValue(source[start + offset]) ?? 0) }
            return unit
        }
        func append(_ byte: UInt8) {
            target[written] = byte
            written += 1
        }
        while index < count {
            if count - index >= 8 {
                let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                UnsafeMutableRawPointer(target + written).storeBytes(of: word, as: UInt64.self)
                let backslashes = backslashBits(UInt64(littleEndian: word))
                guard backslashes != 0 else {
                    index += 8
                    written += 8
                    continue
                }
                let run = backslashes.trailingZeroBitCount >> 3
                index += run
                written += run
            } else if source[index] != UInt8(ascii: "\\") {
                append(source[index])
                index += 1
                continue
            }
            // A backslash; the reader has validated the escape, so its bytes are there.
            guard index + 1 < count else {
                append(source[index])
                index += 1
                continue
            }
            let escaped = source[index + 1]
            index += 2
            if escaped != UInt8(ascii: "u") {
                append(oneLetterEscapeValue(escaped))
                continue
            }
            if index + 4 <= count {
                var scalar = hexUnit(at: index)
                index += 4
                if (0xD800...0xDBFF).contains(scalar), index + 6 <= count {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hexUnit(at: index + 2) - 0xDC00)
                    index += 6
                }
                // UTF-8 of an escaped scalar is never longer than its 6- or 12-byte escape.
                switch scalar {
                case 0..<0x80:
                    append(UInt8(scalar))
                case 0x80..<0x800:
                    append(UInt8(0xC0 | scalar >> 6))
                    append(UInt8(0x80 | scalar & 0x3F))
                case 0x800..<0x10000:
                    append(UInt8(0xE0 | scalar >> 12))
                    append(UInt8(0x80 | scalar >> 6 & 0x3F))
                    append(UInt8(0x80 | scalar & 0x3F))
                default:
                    append(UInt8(0xF0 | scalar >> 18))
                    append(UInt8(0x80 | scalar >> 12 & 0x3F))
                    append(UInt8(0x80 | scalar >> 6 & 0x3F))
                    append(UInt8(0x80 | scalar & 0x3F))
                }
            } else {
                append(escaped)
            }
        }
        return written
    }

    /// The byte a one-letter escape stands for: `"`, `\`, `/` themselves; `b` `f` `n` `r` `t` from a table of
    /// nibbles, one per even offset from `b`, so the common escapes take no branch that could be mispredicted.
    @inline(__always)
    private static func oneLetterEscapeValue(_ letter: UInt8) -> UInt8 {
        // Nibble (letter - "b") / 2: b -> 0x8, f -> 0xC, n -> 0xA, r -> 0xD, t -> 0x9.
        let controls: UInt64 = 0x9D_0A00_0C08
        let control = UInt8(truncatingIfNeeded: controls &>> (UInt64((letter &- UInt8(ascii: "b")) >> 1) &* 4) & 0xF)
        return letter < UInt8(ascii: "b") ? letter : control
    }

    /// The high bit of each byte of `word` (little-endian) that is a backslash; a borrow can only mark bytes above
    /// a real one, so the lowest set bit is exact.
    @inline(__always)
    private static func backslashBits(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let backslash = word ^ (ones &* 0x5C)
        return (backslash &- ones) & ~backslash & 0x8080_8080_8080_8080
    }
}
