import AuroraDataAPIModel
import AuroraSQL

/// SQL with its `:name` placeholders replaced by the engine's positional markers, and the request's
/// parameters in marker order. Values are bound by the server; nothing is spliced into the text.
struct PlaceholderBinding: Sendable {
    /// The rewritten SQL.
    var sql: String
    /// One entry per positional marker (`$1…$n` on PostgreSQL, each `?` on MySQL).
    var parameters: [SqlParameter]

    /// PostgreSQL: each distinct name becomes `$n` (a name used twice reuses its number).
    static func postgresql(sql: String, parameters: [SqlParameter]) throws(DatabaseFailure) -> PlaceholderBinding {
        var numbers: [String: Int] = [:]
        var ordered: [SqlParameter] = []
        let rewritten = try rewrite(sql: sql, dialect: .postgresql, parameters: parameters) { parameter in
            if let number = numbers[parameter.name] { return "$\(number)" }
            ordered.append(parameter)
            numbers[parameter.name] = ordered.count
            return "$\(ordered.count)"
        }
        return PlaceholderBinding(sql: rewritten, parameters: ordered)
    }

    /// MySQL: each occurrence becomes `?` and binds its value again.
    static func mysql(sql: String, parameters: [SqlParameter]) throws(DatabaseFailure) -> PlaceholderBinding {
        var ordered: [SqlParameter] = []
        let rewritten = try rewrite(sql: sql, dialect: .mysql, parameters: parameters) { parameter in
            ordered.append(parameter)
            return "?"
        }
        return PlaceholderBinding(sql: rewritten, parameters: ordered)
    }

    private static func rewrite(
        sql: String, dialect: SQLDialect, parameters: [SqlParameter], marker: (SqlParameter) -> String
    ) throws(DatabaseFailure) -> String {
        let placeholders = PendingSQLScanner.placeholders(in: sql, dialect: dialect)
        if placeholders.isEmpty { return sql }
        var byName: [String: SqlParameter] = [:]
        for parameter in parameters where byName[parameter.name] == nil { byName[parameter.name] = parameter }
        let bytes = Array(sql.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var cursor = 0
        for placeholder in placeholders {
            guard let parameter = byName[placeholder.name] else {
                throw DatabaseFailure(
                    kind: .statement,
                    message: "No value specified for parameter :\(placeholder.name). "
                        + "Add a parameter named '\(placeholder.name)' to the request.")
            }
            output += bytes[cursor..<placeholder.utf8Range.lowerBound]
            output += Array(marker(parameter).utf8)
            cursor = placeholder.utf8Range.upperBound
        }
        output += bytes[cursor...]
        return String(decoding: output, as: UTF8.self)
    }
}
