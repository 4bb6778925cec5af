/// A byte-level tokenizer for MySQL and PostgreSQL text over `String.utf8`, in linear time.
///
/// Implements the lexical rules of MySQL Reference Manual 11.1 (string literals), 11.2 (identifiers) and 11.7
/// (comments), and PostgreSQL documentation 4.1 (lexical structure): quotes and escapes per dialect, MySQL
/// backticks, `#` and `-- ` comments, executable `/*! */` comments, PostgreSQL nested comments, `E'…'` strings
/// and tagged dollar quotes.
struct SQLLexer {
    let bytes: [UInt8]
    let dialect: SQLDialect
    let options: SQLSyntaxOptions
    /// Offset of the next byte to read.
    private(set) var position: Int
    /// The statement delimiter; only MySQL scripts change it (`DELIMITER //`).
    private(set) var delimiter: [UInt8] = [UInt8(ascii: ";")]

    init(bytes: [UInt8], dialect: SQLDialect, options: SQLSyntaxOptions, start: Int = 0) {
        self.bytes = bytes
        self.dialect = dialect
        self.options = options
        self.position = start
    }

    /// Whether the delimiter is something other than `;` (it then also ends words: `END$$`).
    private(set) var hasCustomDelimiter = false

    /// The next token, or nil at the end of the text.
    mutating func next() throws(SQLSplitError) -> SQLToken? {
        guard position < bytes.count else { return nil }
        let start = position
        if matchesDelimiter(at: start) {
            position += delimiter.count
            return SQLToken(kind: .delimiter, range: start..<position)
        }
        let kind: SQLToken.Kind
        switch bytes[start] {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
            position = start + 1
            while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
            kind = .whitespace
        case UInt8(ascii: "'"):
            let backslashes =
                dialect == .mysql ? options.mysqlBackslashEscapes : !options.postgreSQLStandardConformingStrings
            try skipQuoted(from: start, quote: UInt8(ascii: "'"), backslashEscapes: backslashes)
            kind = .string
        case UInt8(ascii: "\""):
            if dialect == .mysql && !options.mysqlANSIQuotes {
                try skipQuoted(from: start, quote: UInt8(ascii: "\""), backslashEscapes: options.mysqlBackslashEscapes)
                kind = .string
            } else {
                try skipQuoted(from: start, quote: UInt8(ascii: "\""), backslashEscapes: false, isString: false)
                kind = .quotedIdentifier
            }
        case UInt8(ascii: "`") where dialect == .mysql:
            try skipQuoted(from: start, quote: UInt8(ascii: "`"), backslashEscapes: false, isString: false)
            kind = .quotedIdentifier
        case UInt8(ascii: "-") where startsDashComment(at: start):
            skipToEndOfLine(from: start)
            kind = .comment
        case UInt8(ascii: "#") where dialect == .mysql:
            skipToEndOfLine(from: start)
            kind = .comment
        case UInt8(ascii: "/") where byte(at: start + 1) == UInt8(ascii: "*"):
            try skipBlockComment(from: start)
            kind = startsExecutableComment(at: start) ? .executableComment : .comment
        case UInt8(ascii: "$") where dialect == .postgresql:
            kind = try skipDollar(from: start)
        case UInt8(ascii: ":") where byte(at: start + 1) == UInt8(ascii: ":"):
            position = start + 2
            kind = .punctuation
        case let first where Self.isWordStart(first, dialect: dialect):
            skipWord(from: start)
            if dialect == .postgresql, position == start + 1, first | 0x20 == UInt8(ascii: "e"),
                byte(at: position) == UInt8(ascii: "'")
            {
                try skipQuoted(from: position, quote: UInt8(ascii: "'"), backslashEscapes: true, tokenStart: start)
                kind = .string
            } else {
                kind = .word
            }
        default:
            position = start + 1
            kind = .punctuation
        }
        return SQLToken(kind: kind, range: start..<position)
    }

    /// The mysql client keeps the delimiter in a 16-byte buffer (15 characters and a NUL).
    static let maximumDelimiterLength = 15

    /// Reads the argument of a MySQL `DELIMITER` directive whose keyword ends at `keywordEnd`, makes it the
    /// delimiter and moves to the end of the line (the mysql client ignores the rest of the line).
    mutating func readDelimiterDirective(keywordEnd: Int) throws(SQLSplitError) {
        var index = keywordEnd
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
        let argumentStart = index
        var argument: ArraySlice<UInt8>
        let quote = byte(at: index)
        if let quote, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "`") {
            index += 1
            while index < bytes.count, bytes[index] != quote, !Self.isLineBreak(bytes[index]) { index += 1 }
            argument = bytes[(argumentStart + 1)..<index]
            if index < bytes.count, bytes[index] == quote { index += 1 }
        } else {
            while index < bytes.count, !Self.isWhitespace(bytes[index]) { index += 1 }
            argument = bytes[argumentStart..<index]
        }
        while index < bytes.count, !Self.isLineBreak(bytes[index]) { index += 1 }
        if argument.isEmpty || argument.count > Self.maximumDelimiterLength || argument.contains(UInt8(ascii: "\\")) {
            throw error(
                .invalidDelimiter,
                "DELIMITER needs a delimiter of 1 to \(Self.maximumDelimiterLength) characters without backslashes "
                    + "on the same line, e.g. `DELIMITER $$` … `END$$` … `DELIMITER ;`", at: keywordEnd)
        }
        delimiter = Array(argument)
        hasCustomDelimiter = delimiter != [UInt8(ascii: ";")]
        position = index
    }

    /// A split error whose line is the line of `offset`.
    func error(_ code: SQLSplitError.Code, _ message: String, at offset: Int) -> SQLSplitError {
        SQLSplitError(code: code, message: message, line: SQLLineCounter.line(at: offset, in: bytes))
    }

    // MARK: - Scanning helpers

    private func byte(at index: Int) -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private func matchesDelimiter(at index: Int) -> Bool {
        guard bytes[index] == delimiter[0], index + delimiter.count <= bytes.count else { return false }
        var offset = 1
        while offset < delimiter.count {
            if bytes[index + offset] != delimiter[offset] { return false }
            offset += 1
        }
        return true
    }

    /// MySQL `/*! … */` and MariaDB `/*M! … */` comments hold code the server runs.
    private func startsExecutableComment(at index: Int) -> Bool {
        guard dialect == .mysql else { return false }
        return byte(at: index + 2) == UInt8(ascii: "!")
            || (byte(at: index + 2) == UInt8(ascii: "M") && byte(at: index + 3) == UInt8(ascii: "!"))
    }

    /// `--` starts a comment in PostgreSQL; in MySQL only when a space or control character (or the end of the
    /// text) follows, so `5--1` is five minus minus one.
    private func startsDashComment(at index: Int) -> Bool {
        guard byte(at: index + 1) == UInt8(ascii: "-") else { return false }
        guard dialect == .mysql else { return true }
        guard let following = byte(at: index + 2) else { return true }
        return following <= 0x20 || following == 0x7F
    }

    private mutating func skipToEndOfLine(from start: Int) {
        position = start
        while position < bytes.count, !Self.isLineBreak(bytes[position]) { position += 1 }
    }

    /// Skips a quoted run opening at `quoteIndex`; a doubled quote stands for itself, and with
    /// `backslashEscapes` a backslash escapes the next byte.
    private mutating func skipQuoted(
        from quoteIndex: Int, quote: UInt8, backslashEscapes: Bool, isString: Bool = true, tokenStart: Int? = nil
    ) throws(SQLSplitError) {
        var index = quoteIndex + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") && backslashEscapes {
                index += 2
            } else if byte == quote {
                if index + 1 < bytes.count && bytes[index + 1] == quote {
                    index += 2
                } else {
                    position = index + 1
                    return
                }
            } else {
                index += 1
            }
        }
        let start = tokenStart ?? quoteIndex
        if isString {
            throw error(
                .unterminatedString,
                "the string literal opened here has no closing \(Character(Unicode.Scalar(quote))); "
                    + (backslashEscapes ? "a backslash escapes the next character in this string, " : "")
                    + "close the string or double the quote inside it", at: start)
        }
        throw error(
            .unterminatedQuotedIdentifier,
            "the quoted identifier opened here has no closing \(Character(Unicode.Scalar(quote)))", at: start)
    }

    /// Skips `/* … */`; PostgreSQL comments nest, MySQL comments end at the first `*/`.
    private mutating func skipBlockComment(from start: Int) throws(SQLSplitError) {
        var depth = 1
        var index = start + 2
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/") {
                depth -= 1
                index += 2
                if depth == 0 {
                    position = index
                    return
                }
            } else if dialect == .postgresql && bytes[index] == UInt8(ascii: "/")
                && bytes[index + 1] == UInt8(ascii: "*")
            {
                depth += 1
                index += 2
            } else {
                index += 1
            }
        }
        throw error(
            .unterminatedComment,
            "the /* comment opened here has no closing */"
                + (dialect == .postgresql ? " (PostgreSQL comments nest: every /* needs its own */)" : ""),
            at: start)
    }

    /// PostgreSQL `$`: a dollar quote `$tag$…$tag$` (tag empty or an identifier without `$`), a positional
    /// parameter `$1`, or a lone `$`.
    private mutating func skipDollar(from start: Int) throws(SQLSplitError) -> SQLToken.Kind {
        var index = start + 1
        if let first = byte(at: index), Self.isDigit(first) {
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            position = index
            return .word
        }
        if let first = byte(at: index), Self.isWordStart(first, dialect: .postgresql) {
            index += 1
            while index < bytes.count, Self.isTagByte(bytes[index]) { index += 1 }
        }
        guard byte(at: index) == UInt8(ascii: "$") else {
            position = start + 1
            return .punctuation
        }
        let tag = bytes[start...index]
        var search = index + 1
        while search + tag.count <= bytes.count {
            if bytes[search] == UInt8(ascii: "$") && bytes[search..<(search + tag.count)].elementsEqual(tag) {
                position = search + tag.count
                return .dollarQuoted
            }
            search += 1
        }
        throw error(
            .unterminatedDollarQuote,
            "the dollar quote \(String(decoding: tag, as: UTF8.self)) opened here is never closed by the same tag",
            at: start)
    }

    private mutating func skipWord(from start: Int) {
        position = start + 1
        let stopsAtDelimiter = hasCustomDelimiter
        while position < bytes.count, Self.isWordByte(bytes[position]) {
            if stopsAtDelimiter && matchesDelimiter(at: position) { return }
            position += 1
        }
    }

    // MARK: - Byte classes

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (byte >= 0x09 && byte <= 0x0D)
    }

    static func isLineBreak(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
    }

    /// Letters, digits, `_`, `$` and any byte of a non-ASCII character.
    static func isWordByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte >= 0x80
    }

    /// A word may start with a digit (numbers; MySQL identifiers); `$` starts one only in MySQL.
    static func isWordStart(_ byte: UInt8, dialect: SQLDialect) -> Bool {
        byte == UInt8(ascii: "$") ? dialect == .mysql : isWordByte(byte)
    }

    private static func isTagByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
    }
}
