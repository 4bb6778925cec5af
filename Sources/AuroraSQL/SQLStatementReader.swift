/// Groups tokens into statements the way the `psql` and `mysql` clients do: the delimiter ends a statement only
/// outside literals and comments (the lexer's job), at parenthesis depth 0 (PostgreSQL `CREATE RULE … DO ALSO
/// (…; …)`) and outside compound-statement bodies (`SQLCompoundTracker`). A MySQL custom delimiter ends the
/// statement wherever it appears, as in the mysql client.
struct SQLStatementReader {
    enum Mode {
        /// A script for a client: MySQL `DELIMITER` directives are followed.
        case script
        /// The text of one server call: no client directives.
        case server
    }

    /// A statement as found, before any policy is applied.
    struct Statement {
        /// From the first to the last significant token, delimiter excluded.
        var range: Range<Int>
        /// The first words, uppercased (at most `leadingWordLimit`, only words of up to 15 bytes, others as "").
        var leadingWords: [String] = []
        var isCompound = false
        /// Where the first `\` outside literals and comments stands (a psql or mysql client command).
        var backslashOffset: Int?
        /// PostgreSQL `COPY … STDIN` / `STDOUT`: the client streams the data.
        var copiesThroughClient = false
    }

    static let leadingWordLimit = 8

    private(set) var lexer: SQLLexer
    let mode: Mode

    init(bytes: [UInt8], dialect: SQLDialect, options: SQLSyntaxOptions, mode: Mode, start: Int = 0) {
        lexer = SQLLexer(bytes: bytes, dialect: dialect, options: options, start: start)
        self.mode = mode
    }

    /// The next non-empty statement, or nil at the end of the text.
    mutating func next() throws(SQLSplitError) -> Statement? {
        var statement = Statement(range: 0..<0)
        var isEmpty = true
        var parenDepth = 0
        var tracker = SQLCompoundTracker(dialect: lexer.dialect)
        while let token = try lexer.next() {
            guard token.isSignificant else { continue }
            if token.kind == .delimiter && (lexer.hasCustomDelimiter || (parenDepth == 0 && tracker.depth == 0)) {
                if isEmpty { continue }
                break
            }
            let wordMatters =
                isEmpty || statement.leadingWords.count < Self.leadingWordLimit || tracker.followsWords
                || statement.leadingWords.first == "COPY"
            let word =
                !wordMatters ? nil
                : token.kind == .word ? uppercasedWord(token.range)
                : token.kind == .punctuation && token.range.count == 1 && lexer.bytes[token.range.lowerBound] == UInt8(ascii: ":")
                    ? SQLCompoundTracker.colon : nil
            if isEmpty && word == "DELIMITER" && startsDelimiterDirective(after: token.range.upperBound) {
                try lexer.readDelimiterDirective(keywordEnd: token.range.upperBound)
                continue
            }
            if isEmpty {
                statement.range = token.range
                isEmpty = false
            } else {
                statement.range = statement.range.lowerBound..<token.range.upperBound
            }
            if token.kind == .word, statement.leadingWords.count < Self.leadingWordLimit {
                statement.leadingWords.append(word ?? "")
            }
            if token.kind == .punctuation {
                switch lexer.bytes[token.range.lowerBound] {
                case UInt8(ascii: "("): parenDepth += 1
                case UInt8(ascii: ")"): parenDepth = max(0, parenDepth - 1)
                case UInt8(ascii: "\\"): statement.backslashOffset = statement.backslashOffset ?? token.range.lowerBound
                default: break
                }
            }
            if lexer.dialect == .postgresql, word == "STDIN" || word == "STDOUT",
                statement.leadingWords.first == "COPY"
            {
                statement.copiesThroughClient = true
            }
            tracker.consume(word: word)
        }
        statement.isCompound = tracker.isCompound
        return isEmpty ? nil : statement
    }

    /// `DELIMITER` is a mysql client directive when it starts a statement and a blank or the end follows.
    private func startsDelimiterDirective(after keywordEnd: Int) -> Bool {
        guard mode == .script, lexer.dialect == .mysql else { return false }
        return keywordEnd == lexer.bytes.count || SQLLexer.isWhitespace(lexer.bytes[keywordEnd])
    }

    /// The word uppercased (ASCII letters only), or nil when longer than 15 bytes (no keyword is; shorter
    /// strings are stored inline, so this does not allocate).
    private func uppercasedWord(_ range: Range<Int>) -> String? {
        guard range.count <= 15 else { return nil }
        return String(unsafeUninitializedCapacity: range.count) { buffer in
            for (offset, byte) in lexer.bytes[range].enumerated() {
                buffer[offset] = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 0x20 : byte
            }
            return range.count
        }
    }
}
