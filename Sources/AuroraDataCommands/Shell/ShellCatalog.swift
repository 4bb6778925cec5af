import AuroraMigrate

/// The catalog queries behind `\dt`, `\d`, `\dn` and `\l`: `pg_catalog` on PostgreSQL, `information_schema` on
/// MySQL. Names are bound as parameters (`:name`, `:schema`, `:table`), never spliced.
struct ShellCatalog {
    let engine: MigrationEngine

    /// `schema.table` or `table`.
    static func splitName(_ name: String) -> (schema: String?, table: String) {
        guard let dot = name.lastIndex(of: ".") else { return (nil, name) }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }

    var tables: String {
        switch engine {
        case .postgresql:
            return """
                SELECT n.nspname AS "schema", c.relname AS "name", \
                CASE c.relkind WHEN 'p' THEN 'partitioned table' ELSE 'table' END AS "type", \
                pg_get_userbyid(c.relowner) AS "owner" \
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
                AND n.nspname !~ '^pg_toast' AND pg_table_is_visible(c.oid) ORDER BY 1, 2
                """
        case .mysql:
            return """
                SELECT table_name AS `name`, table_type AS `type`, engine AS `engine` FROM information_schema.tables \
                WHERE table_schema = DATABASE() ORDER BY table_name
                """
        }
    }

    var schemas: String {
        switch engine {
        case .postgresql:
            return """
                SELECT nspname AS "name", pg_get_userbyid(nspowner) AS "owner" FROM pg_namespace \
                WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' ORDER BY 1
                """
        case .mysql:
            return "SELECT schema_name AS `name` FROM information_schema.schemata ORDER BY schema_name"
        }
    }

    var databases: String {
        switch engine {
        case .postgresql:
            return """
                SELECT datname AS "name", pg_get_userbyid(datdba) AS "owner", \
                pg_encoding_to_char(encoding) AS "encoding" FROM pg_database WHERE NOT datistemplate ORDER BY 1
                """
        case .mysql:
            return """
                SELECT schema_name AS `name`, default_character_set_name AS `encoding` \
                FROM information_schema.schemata ORDER BY schema_name
                """
        }
    }

    /// Columns of `:name` (PostgreSQL, resolved by the search path) or `:table` in `:schema` / the current
    /// database (MySQL): name, type, nullability and default.
    func columns(schemaGiven: Bool) -> String {
        switch engine {
        case .postgresql:
            return """
                SELECT a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type", \
                CASE WHEN a.attnotnull THEN 'not null' ELSE '' END AS "nullable", \
                pg_get_expr(d.adbin, d.adrelid) AS "default" \
                FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
                WHERE a.attrelid = (SELECT c.oid FROM pg_class c WHERE c.oid = to_regclass(:name)) \
                AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
                """
        case .mysql:
            return """
                SELECT column_name AS `column`, column_type AS `type`, \
                CASE is_nullable WHEN 'NO' THEN 'not null' ELSE '' END AS `nullable`, column_default AS `default` \
                FROM information_schema.columns WHERE table_schema = \(schemaGiven ? ":schema" : "DATABASE()") \
                AND table_name = :table ORDER BY ordinal_position
                """
        }
    }

    /// Indexes of the same table: name and definition.
    func indexes(schemaGiven: Bool) -> String {
        switch engine {
        case .postgresql:
            return """
                SELECT i.relname AS "index", pg_get_indexdef(i.oid) AS "definition" \
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid \
                WHERE x.indrelid = to_regclass(:name) ORDER BY i.relname
                """
        case .mysql:
            return """
                SELECT index_name AS `index`, CASE MIN(non_unique) WHEN 0 THEN 'unique' ELSE '' END AS `unique`, \
                GROUP_CONCAT(column_name ORDER BY seq_in_index SEPARATOR ', ') AS `columns` \
                FROM information_schema.statistics WHERE table_schema = \(schemaGiven ? ":schema" : "DATABASE()") \
                AND table_name = :table GROUP BY index_name ORDER BY index_name
                """
        }
    }
}
