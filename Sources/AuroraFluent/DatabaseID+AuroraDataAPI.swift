import FluentKit

extension DatabaseID {
    /// `psql`, the id FluentPostgresDriver defines: code that names it (`app.db(.psql)`) keeps working after the
    /// switch to the Data API.
    public static var psql: DatabaseID { DatabaseID(string: "psql") }

    /// `mysql`, the id FluentMySQLDriver defines, for the same reason.
    public static var mysql: DatabaseID { DatabaseID(string: "mysql") }
}
