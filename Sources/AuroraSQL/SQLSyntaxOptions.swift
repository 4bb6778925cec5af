/// Server settings that change how SQL text is tokenized. The defaults match a stock server
/// (Aurora MySQL 3 / MySQL 8.0 `sql_mode`, Aurora PostgreSQL `standard_conforming_strings = on`).
public struct SQLSyntaxOptions: Sendable, Hashable {
    /// MySQL: a backslash escapes the next character in `'…'` and `"…"` strings. Set to `false` when
    /// `sql_mode` contains `NO_BACKSLASH_ESCAPES` (MySQL Reference Manual, "String Literals").
    public var mysqlBackslashEscapes: Bool
    /// MySQL: `"…"` quotes an identifier instead of a string (`sql_mode` contains `ANSI_QUOTES`).
    public var mysqlANSIQuotes: Bool
    /// PostgreSQL: `standard_conforming_strings` (on by default since 9.1): a backslash is an ordinary
    /// character in `'…'`; only `E'…'` strings take backslash escapes (PostgreSQL docs 4.1.2.1–4.1.2.2).
    public var postgreSQLStandardConformingStrings: Bool

    public init(
        mysqlBackslashEscapes: Bool = true, mysqlANSIQuotes: Bool = false,
        postgreSQLStandardConformingStrings: Bool = true
    ) {
        self.mysqlBackslashEscapes = mysqlBackslashEscapes
        self.mysqlANSIQuotes = mysqlANSIQuotes
        self.postgreSQLStandardConformingStrings = postgreSQLStandardConformingStrings
    }
}
