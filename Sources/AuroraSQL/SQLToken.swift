/// One lexical unit of SQL text, as UTF-8 offsets into the text.
struct SQLToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// Spaces, tabs, line breaks.
        case whitespace
        /// `-- …`, `# …` (MySQL), `/* … */`: carries no meaning for the server.
        case comment
        /// MySQL `/*! … */`, `/*!50001 … */` and MariaDB `/*M!100100 … */`: the server runs what is inside,
        /// so it is kept.
        case executableComment
        /// A keyword, identifier or number (also PostgreSQL `$1`).
        case word
        /// A string literal, prefix included (`E'…'`).
        case string
        /// `"…"` (PostgreSQL, MySQL `ANSI_QUOTES`) or `` `…` `` (MySQL).
        case quotedIdentifier
        /// PostgreSQL `$tag$ … $tag$`.
        case dollarQuoted
        /// The statement delimiter (`;`, or what a MySQL `DELIMITER` directive chose).
        case delimiter
        /// Any other character; `::` is one token.
        case punctuation
    }

    var kind: Kind
    var range: Range<Int>

    /// Whether the token belongs to the statement text (comments and whitespace do not).
    var isSignificant: Bool { kind != .whitespace && kind != .comment }
}
