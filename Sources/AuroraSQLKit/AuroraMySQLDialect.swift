import SQLKit

/// SQLKit's dialect for Aurora MySQL over the Data API (MySQL 8.0 syntax, which MariaDB also reads), with the Data
/// API's named placeholders (`:b1`, `:b2`, ...; the service takes no `?`).
///
/// No `RETURNING`: inserted ids come back in the response's `generatedFields` (``AuroraSQLDatabase/run(_:_:)``).
/// Implements the MySQL side of https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.html
public struct AuroraMySQLDialect: SQLDialect {
    /// The dialect.
    public init() {}

    /// `mysql`, the name SQLKit's own checks know.
    public var name: String { "mysql" }
    public var identifierQuote: any SQLExpression { SQLRaw("`") }
    public var literalStringQuote: any SQLExpression { SQLRaw("'") }
    public var supportsAutoIncrement: Bool { true }
    public var autoIncrementClause: any SQLExpression { SQLRaw("AUTO_INCREMENT") }

    /// `:b<position>`: a Data API named parameter.
    public func bindPlaceholder(at position: Int) -> any SQLExpression { SQLRaw(AuroraSQLBinds.placeholder(position)) }
    public func literalBoolean(_ value: Bool) -> any SQLExpression { SQLRaw(value ? "true" : "false") }
    public var literalDefault: any SQLExpression { SQLRaw("DEFAULT") }
    public var supportsIfExists: Bool { true }
    /// `ENUM('a', 'b')` column types.
    public var enumSyntax: SQLEnumSyntax { .inline }
    public var supportsDropBehavior: Bool { false }
    public var supportsReturning: Bool { false }
    public var triggerSyntax: SQLTriggerSyntax {
        SQLTriggerSyntax(create: [.supportsBody, .supportsOrder, .supportsDefiner, .requiresForEachRow], drop: [])
    }
    /// `MODIFY COLUMN`, one change per `ALTER TABLE`.
    public var alterTableSyntax: SQLAlterTableSyntax {
        SQLAlterTableSyntax(alterColumnDefinitionClause: SQLRaw("MODIFY COLUMN"), allowsBatch: false)
    }

    /// `TEXT` becomes `VARCHAR(255)` (MySQL cannot index or key a `TEXT` column without a prefix length), `TIMESTAMP`
    /// becomes `DATETIME(6)` (no 2038 limit, no time-zone conversion, microseconds kept), `BLOB` becomes `LONGBLOB`.
    public func customDataType(for dataType: SQLDataType) -> (any SQLExpression)? {
        switch dataType {
        case .text: SQLRaw("VARCHAR(255)")
        case .blob: SQLRaw("LONGBLOB")
        case .custom(let raw as SQLRaw) where raw.sql == "TIMESTAMP": SQLRaw("DATETIME(6)")
        default: nil
        }
    }

    /// Constraint names over the engine's 64-character identifier limit, shortened the same way every time.
    public func normalizeSQLConstraint(identifier: any SQLExpression) -> any SQLExpression {
        ConstraintName.normalized(identifier, limit: 64)
    }

    /// `INSERT … ON DUPLICATE KEY UPDATE`.
    public var upsertSyntax: SQLUpsertSyntax { .mysqlLike }
    public var unionFeatures: SQLUnionFeatures { [.union, .unionAll, .explicitDistinct, .parenthesizedSubqueries] }
    public var sharedSelectLockExpression: (any SQLExpression)? { SQLRaw("LOCK IN SHARE MODE") }
    public var exclusiveSelectLockExpression: (any SQLExpression)? { SQLRaw("FOR UPDATE") }

    /// `json_unquote(json_extract(column, '$."a"."b"'))`: the value at the path as text (JSON text for objects
    /// and arrays), like PostgreSQL's `->>`.
    public func nestedSubpathExpression(in column: any SQLExpression, for path: [String]) -> (any SQLExpression)? {
        guard !path.isEmpty else { return nil }
        // Each key quoted for the JSON path (`\"`, `\\`), then backslashes doubled for the string literal.
        let keys = path.map { key in
            "\"" + String(key.flatMap { $0 == "\"" || $0 == "\\" ? ["\\", $0] : [$0] }) + "\""
        }
        let jsonPath = String(("$." + keys.joined(separator: ".")).flatMap { $0 == "\\" ? ["\\", "\\"] : [$0] })
        return SQLFunction("json_unquote", args: SQLFunction("json_extract", args: column, SQLLiteral.string(jsonPath)))
    }
}
