import AuroraDataAPIModel
import AuroraSQL

/// SQL with its `:name` placeholders replaced by the engine's positional markers (PostgreSQL `$n`, one
/// number per distinct name; MySQL `?` per occurrence), and the request's parameters in marker order.
/// Values are bound by the server; nothing is spliced into the text.
struct PlaceholderBinding: Sendable {
    /// The rewritten SQL.
    var sql: String
    /// One entry per positional marker.
    var parameters: [SqlParameter]

    init(sql: String, parameters: [SqlParameter], dialect: SQLDialect) throws(DatabaseFailure) {
        let positional: SQLPositionalStatement
        do {
            positional = try SQLScanner.positional(sql, dialect: dialect)
        } catch {
            // Text the lexer cannot read (an unterminated literal, ...): the server reports the real error.
            self.sql = sql
            self.parameters = []
            return
        }
        var byName: [String: SqlParameter] = [:]
        for parameter in parameters where byName[parameter.name] == nil { byName[parameter.name] = parameter }
        var ordered: [SqlParameter] = []
        for name in positional.parameterNames {
            guard let parameter = byName[name] else {
                throw DatabaseFailure(
                    kind: .statement,
                    message: "No value specified for parameter :\(name). Add a parameter named '\(name)' to the request.")
            }
            ordered.append(parameter)
        }
        self.sql = positional.sql
        self.parameters = ordered
    }
}
