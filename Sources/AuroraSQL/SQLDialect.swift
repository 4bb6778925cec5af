/// The SQL dialects the toolkit lexes: Aurora PostgreSQL and Aurora MySQL (MySQL/MariaDB).
public enum SQLDialect: String, Sendable, Hashable, CaseIterable {
    case postgresql
    case mysql
}

/// A `:name` placeholder found in SQL text, outside strings, comments, quoted identifiers,
/// dollar quotes and `::` casts.
public struct SQLPlaceholder: Sendable, Hashable {
    /// The name without the colon.
    public var name: String
    /// Where `:name` (colon included) stands, as UTF-8 offsets into the SQL text.
    public var utf8Range: Range<Int>

    public init(name: String, utf8Range: Range<Int>) {
        self.name = name
        self.utf8Range = utf8Range
    }
}
