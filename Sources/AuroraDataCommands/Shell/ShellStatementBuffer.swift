import AuroraSQL

/// The SQL lines typed since the last statement ran, and whether they end a statement: following the engine's
/// lexical rules, so a `;` inside a string, a dollar-quoted body or a comment does not. A MySQL `DELIMITER`
/// directive between statements stays in force for the following statements, as in the mysql client.
struct ShellStatementBuffer {
    enum State {
        /// Only blanks and comments.
        case blank
        /// Ends with a statement delimiter: ready to run.
        case complete
        /// A statement, literal or comment is still open.
        case open
    }

    struct Pending: Equatable {
        var text: String
        /// The input line of the text's first line.
        var firstLine: Int
    }

    let dialect: SQLDialect
    private var text = ""
    private var firstLine = 0
    /// `DELIMITER x` and a line break while a custom MySQL delimiter is in force, put before the text to split.
    private var delimiterDirective = ""
    private(set) var state = State.blank

    init(dialect: SQLDialect) {
        self.dialect = dialect
    }

    mutating func append(_ line: String, lineNumber: Int) {
        if dialect == .mysql, state == .blank, let delimiter = Self.delimiter(directive: line) {
            delimiterDirective = delimiter == ";" ? "" : "DELIMITER \(delimiter)\n"
            return
        }
        if text.isEmpty { firstLine = lineNumber }
        text += line + "\n"
        state = Self.state(of: delimiterDirective + text, dialect: dialect)
    }

    /// The delimiter a `DELIMITER x` line sets, or nil for any other line.
    static func delimiter(directive line: String) -> String? {
        let words = line.split(whereSeparator: \.isWhitespace)
        guard words.count == 2, words[0].uppercased() == "DELIMITER" else { return nil }
        return String(words[1])
    }

    /// The text to run, or nil when it holds no statement; the buffer is emptied.
    mutating func take() -> Pending? {
        defer {
            text = ""
            state = .blank
        }
        guard state != .blank else { return nil }
        let directiveLines = delimiterDirective.isEmpty ? 0 : 1
        return Pending(text: delimiterDirective + text, firstLine: firstLine - directiveLines)
    }

    /// Blank without a statement; complete when a word appended after the text would start a statement of its
    /// own (so the last one has its delimiter, whatever comments follow it); open otherwise.
    static func state(of text: String, dialect: SQLDialect) -> State {
        let options = SQLSplitter.Options(allowTransactionControl: true)
        do {
            let count = try SQLSplitter.split(text, dialect: dialect, options: options).count
            guard count > 0 else { return .blank }
            let probe = try SQLSplitter.split(text + "\nSELECT", dialect: dialect, options: options).count
            return probe > count ? .complete : .open
        } catch {
            switch error.code {
            case .unterminatedString, .unterminatedQuotedIdentifier, .unterminatedComment, .unterminatedDollarQuote:
                return .open
            default:
                // Refused text runs now, so that its error is reported.
                return .complete
            }
        }
    }
}
