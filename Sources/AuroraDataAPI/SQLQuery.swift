import AuroraDataAPIModel

/// SQL text with its bound parameters, safe by construction: every interpolated value becomes a named
/// parameter (`:p1`, `:p2`, …) and never part of the SQL text.
///
/// ```swift
/// let rows = try await client.execute("SELECT * FROM posts WHERE id = \(id) AND author = \(name)")
/// // sql: "SELECT * FROM posts WHERE id = :p1 AND author = :p2", parameters p1 and p2
/// ```
/// Text that must be spliced (an identifier chosen from a fixed list, say) needs the explicitly named
/// escape hatches `SQLQuery(unsafeSQL:parameters:)` or `\(unsafeRaw: text)`.
///
/// Implements named parameters of https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html
public struct SQLQuery: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The SQL text sent as `sql`.
    public var sql: String
    /// The parameters sent as `parameters`, in the order they were added.
    public var parameters: [SqlParameter]

    /// SQL text used as it is, with parameters given by name. Nothing in `unsafeSQL` is escaped: never build it
    /// from user input.
    public init(unsafeSQL: String, parameters: [SqlParameter] = []) {
        self.sql = unsafeSQL
        self.parameters = parameters
    }

    /// SQL text used as it is, with Swift values bound by name: `SQLQuery(unsafeSQL: "… WHERE id = :id", parameters: ["id": 5])`.
    /// - Throws: `DataAPIError` `invalidRequest` when a value cannot be sent (see ``DataAPIParameterValue``).
    public init(
        unsafeSQL: String, parameters: KeyValuePairs<String, any DataAPIParameterValue>
    ) throws(DataAPIError) {
        var bound: [SqlParameter] = []
        for (name, value) in parameters {
            bound.append(try value.dataAPIValue().parameter(named: name))
        }
        self.init(unsafeSQL: unsafeSQL, parameters: bound)
    }

    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(unsafeSQL: stringInterpolation.sql, parameters: stringInterpolation.parameters)
    }

    public var description: String { sql }

    /// Builds the SQL text: literal segments are kept, interpolated values become `:pN` parameters.
    ///
    /// A placeholder never runs into the text after it: the Data API reads a name up to the first character that
    /// cannot be part of one, so `\(x)1` would otherwise become `:p11`, a different parameter. When the next text
    /// starts with a letter, digit or underscore, a space is put between them.
    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var parameters: [SqlParameter] = []
        /// Whether `sql` ends with a placeholder's name.
        private var endsWithPlaceholder = false

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            parameters.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            append(literal)
        }

        private mutating func append(_ text: String) {
            guard !text.isEmpty else { return }
            if endsWithPlaceholder, let first = text.unicodeScalars.first,
                first == "_" || first.properties.isAlphabetic || ("0"..."9").contains(first)
            {
                sql += " "
            }
            sql += text
            endsWithPlaceholder = false
        }

        /// Binds `value` as the next parameter `:pN`.
        /// - Throws: `DataAPIError` `invalidRequest` when the value cannot be sent (arrays, `UInt64` above `Int64.max`).
        public mutating func appendInterpolation(_ value: some DataAPIParameterValue) throws(DataAPIError) {
            let name = "p\(parameters.count + 1)"
            parameters.append(try value.dataAPIValue().parameter(named: name))
            sql += ":" + name
            endsWithPlaceholder = true
        }

        /// Splices `text` into the SQL as it is. Only for text the program controls (identifiers from a fixed
        /// list); never for user input.
        public mutating func appendInterpolation(unsafeRaw text: String) {
            append(text)
        }
    }
}
