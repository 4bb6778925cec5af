import CMariaDB

/// MySQL/MariaDB errors as `DatabaseFailure`s: the server's message, its error number and SQLSTATE.
enum MySQLFailure {
    /// Login refused (1045 access denied, 1698, 1044).
    static let authenticationCodes: Set<UInt32> = [1044, 1045, 1698]
    /// The session is gone: 2002/2003 cannot connect, 2006 gone away, 2013 lost, 1927/4031 killed or timed out.
    static let connectionCodes: Set<UInt32> = [1927, 2002, 2003, 2005, 2006, 2013, 2055, 4031]

    static func of(_ mysql: UnsafeMutablePointer<MYSQL>) -> DatabaseFailure {
        make(code: mysql_errno(mysql), message: String(cString: mysql_error(mysql)), sqlState: String(cString: mysql_sqlstate(mysql)))
    }

    static func of(statement: UnsafeMutablePointer<MYSQL_STMT>) -> DatabaseFailure {
        make(
            code: mysql_stmt_errno(statement), message: String(cString: mysql_stmt_error(statement)),
            sqlState: String(cString: mysql_stmt_sqlstate(statement)))
    }

    private static func make(code: UInt32, message: String, sqlState: String) -> DatabaseFailure {
        let state = sqlState.isEmpty || sqlState == "00000" ? nil : sqlState
        let kind: DatabaseFailure.Kind
        var text = message
        if authenticationCodes.contains(code) {
            kind = .authentication
        } else if connectionCodes.contains(code) {
            kind = .connection
            text = "The connection to the MySQL server failed or was lost: \(message). "
                + "Check that the server is running; open a new connection."
        } else if code == 1317 {
            kind = .cancelled
        } else if code == 1049 {
            kind = .connection  // unknown database: the server answered, with an SQLSTATE
        } else {
            kind = .statement
        }
        return DatabaseFailure(kind: kind, message: text, engineCode: Int(code), sqlState: state)
    }
}
