import AuroraSQL

/// The SQL lines typed since the last statement ran, and whether they end a statement: following the engine's
/// lexical rules, so a `;` inside a string, a dollar-quoted body or a comment does not.
struct ShellStatementBuffer {
    enum State {
        /// Only blanks and comments.
        case blank
        /// Ends with a statement delimiter: ready to run.
        case complete
        /// A statement, literal or comment is still open.
        case open
    }

    struct Pending {
        var text: String
        /// The input line of the text's first line.
        var firstLine: Int
    }

    let dialect: SQLDialect
    private var text = ""
    private var firstLine = 0
    private(set) var state = State.blank

    init(dialect: SQLDialect) {
        self.dialect = dialect
    }

    mutating func append(_ line: String, lineNumber: Int) {
        if text.isEmpty { firstLine = lineNumber }
        text += line + "\n"
        state = Self.state(of: text, dialect: dialect)
    }

    /// The text to run, or nil when it holds no statement; the buffer is emptied.
    mutating func take() -> Pending? {
        defer {
            text = ""
            state = .blank
        }
        return state == .blank ? nil : Pending(text: text, firstLine: firstLine)
    }

    static func state(of text: String, dialect: SQLDialect) -> State {
        let statements: [SQLScriptStatement]
        do {
            statements = try SQLSplitter.split(text, dialect: dialect, options: .init(allowTransactionControl: true))
        } catch {
            switch error.code {
            case .unterminatedString, .unterminatedQuotedIdentifier, .unterminatedComment, .unterminatedDollarQuote:
                return .open
            default:
                // Refused text runs now, so that its error is reported.
                return .complete
            }
        }
        guard let last = statements.last else { return .blank }
        let rest = String(decoding: Array(text.utf8)[last.utf8Range.upperBound...], as: UTF8.self)
            .drop(while: \.isWhitespace)
        if rest.isEmpty || rest.hasPrefix("--") || rest.hasPrefix("/*") || (dialect == .mysql && rest.hasPrefix("#")) {
            return .open
        }
        return .complete
    }
}
