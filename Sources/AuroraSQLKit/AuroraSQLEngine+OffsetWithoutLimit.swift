import SQLKit

extension AuroraSQLEngine {
    /// MySQL has no `OFFSET` without `LIMIT` (SQLKit writes one for Fluent's `range(5...)` or `.offset(5)` alone):
    /// such a `SELECT` gets the largest `LIMIT` instead of a syntax error, as the MySQL manual suggests for "all
    /// rows from an offset on". Other statements are unchanged.
    func completingOffset(_ expression: any SQLExpression) -> any SQLExpression {
        guard self == .mysql, var select = expression as? SQLSelect, select.offset != nil, select.limit == nil else {
            return expression
        }
        select.limit = Int.max
        return select
    }
}
