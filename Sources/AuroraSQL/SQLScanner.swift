/// Finds the `:name` placeholders of one SQL statement as the RDS Data API reads them (`ExecuteStatement`
/// `sql`: "named placeholders `:name`"), skipping literals, quoted identifiers, comments, PostgreSQL dollar
/// quotes and `::` casts.
///
/// A placeholder is `:` followed by `[A-Za-z_][A-Za-z0-9_]*`, not part of `::`. So `x::int` has none,
/// `:id::int` is `id` then a cast, MySQL `@v := 1` has none, and `arr[1:2]` has none.
public enum SQLScanner {
    /// The placeholders in order of appearance; a name used twice appears twice.
    public static func placeholders(
        in sql: String, dialect: SQLDialect, options: SQLSyntaxOptions = SQLSyntaxOptions()
    ) throws(SQLSplitError) -> [SQLPlaceholder] {
        try placeholders(in: Array(sql.utf8), dialect: dialect, options: options)
    }

    /// `sql` with every placeholder replaced by `replace(placeholder, index)`, `index` counting placeholders
    /// from 0 in order of appearance. Everything else is copied byte for byte.
    public static func rewritePlaceholders(
        in sql: String, dialect: SQLDialect, options: SQLSyntaxOptions = SQLSyntaxOptions(),
        _ replace: (SQLPlaceholder, Int) throws(SQLSplitError) -> String
    ) throws(SQLSplitError) -> String {
        let bytes = Array(sql.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var copied = 0
        for (index, placeholder) in try placeholders(in: bytes, dialect: dialect, options: options).enumerated() {
            output.append(contentsOf: bytes[copied..<placeholder.utf8Range.lowerBound])
            output.append(contentsOf: try replace(placeholder, index).utf8)
            copied = placeholder.utf8Range.upperBound
        }
        output.append(contentsOf: bytes[copied...])
        return String(decoding: output, as: UTF8.self)
    }

    /// `sql` rewritten for a driver's positional parameters: PostgreSQL `$1…$n` with one number per distinct
    /// name (a repeated name reuses its number), MySQL `?` per occurrence. `parameterNames[i]` is the name to
    /// bind at position `i + 1`.
    public static func positional(
        _ sql: String, dialect: SQLDialect, options: SQLSyntaxOptions = SQLSyntaxOptions()
    ) throws(SQLSplitError) -> SQLPositionalStatement {
        var names: [String] = []
        var numbers: [String: Int] = [:]
        let rewritten = try rewritePlaceholders(in: sql, dialect: dialect, options: options) { placeholder, _ in
            switch dialect {
            case .mysql:
                names.append(placeholder.name)
                return "?"
            case .postgresql:
                if let number = numbers[placeholder.name] { return "$\(number)" }
                names.append(placeholder.name)
                numbers[placeholder.name] = names.count
                return "$\(names.count)"
            }
        }
        return SQLPositionalStatement(sql: rewritten, parameterNames: names)
    }

    static func placeholders(
        in bytes: [UInt8], dialect: SQLDialect, options: SQLSyntaxOptions
    ) throws(SQLSplitError) -> [SQLPlaceholder] {
        var lexer = SQLLexer(bytes: bytes, dialect: dialect, options: options)
        var found: [SQLPlaceholder] = []
        while let token = try lexer.next() {
            guard token.kind == .punctuation, token.range.count == 1, bytes[token.range.lowerBound] == UInt8(ascii: ":")
            else { continue }
            let nameStart = token.range.upperBound
            guard nameStart < bytes.count, SQLLexer.isLetter(bytes[nameStart]) || bytes[nameStart] == UInt8(ascii: "_")
            else { continue }
            var nameEnd = nameStart + 1
            while nameEnd < bytes.count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            if dialect == .mysql, isLabel(bytes, colon: token.range.lowerBound, nameEnd: nameEnd) { continue }
            found.append(
                SQLPlaceholder(
                    name: String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self),
                    utf8Range: token.range.lowerBound..<nameEnd))
        }
        return found
    }

    /// MySQL: `lbl:BEGIN` (also `LOOP`, `REPEAT`, `WHILE`, `FOR`) is a label written without a space, not the
    /// placeholder `:BEGIN`: the `:` follows a name directly and a statement that a label can open comes after it.
    private static func isLabel(_ bytes: [UInt8], colon: Int, nameEnd: Int) -> Bool {
        guard colon > 0, isNameByte(bytes[colon - 1]) else { return false }
        let name = String(decoding: bytes[(colon + 1)..<nameEnd], as: UTF8.self).uppercased()
        return ["BEGIN", "LOOP", "REPEAT", "WHILE", "FOR"].contains(name)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        SQLLexer.isLetter(byte) || SQLLexer.isDigit(byte) || byte == UInt8(ascii: "_")
    }
}

/// A statement rewritten for a driver's positional parameters (see `SQLScanner.positional`).
public struct SQLPositionalStatement: Sendable, Hashable {
    /// The SQL with `$n` (PostgreSQL) or `?` (MySQL) in place of each `:name`.
    public var sql: String
    /// The name to bind at each position, in position order.
    public var parameterNames: [String]

    public init(sql: String, parameterNames: [String]) {
        self.sql = sql
        self.parameterNames = parameterNames
    }
}
