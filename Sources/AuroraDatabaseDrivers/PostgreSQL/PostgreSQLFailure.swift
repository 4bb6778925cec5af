import CLibPQ

/// PostgreSQL errors as `DatabaseFailure`s, with pgjdbc's message layout
/// (`ERROR: <message>` then `\n  Detail: …`, `\n  Hint: …`, `\n  Position: N`, `\n  Where: …`).
enum PostgreSQLFailure {
    /// A failed statement, or a lost connection when libpq reports the session gone.
    static func statement(result: OpaquePointer?, connection: OpaquePointer) -> DatabaseFailure {
        let sqlState = result.flatMap { field($0, "C") }
        guard let result, let primary = field(result, "M") else {
            return lost(connection)
        }
        if PQstatus(connection) != CONNECTION_OK {
            return lost(connection, sqlState: sqlState)
        }
        var message = "\(field(result, "S") ?? "ERROR"): \(primary)"
        for (code, label) in [("D", "Detail"), ("H", "Hint"), ("P", "Position"), ("W", "Where")] {
            if let value = field(result, code) { message += "\n  \(label): \(value)" }
        }
        let kind: DatabaseFailure.Kind = sqlState == "57014" ? .cancelled : .statement
        return DatabaseFailure(kind: kind, message: message, sqlState: sqlState)
    }

    /// A failed login: wrong password or user → `.authentication`; a missing database → `.connection`
    /// with SQLState 3D000; anything else (server down) → `.connection`.
    static func connecting(_ libpqMessage: String) -> DatabaseFailure {
        let text = cleaned(libpqMessage)
        if text.contains("password authentication failed") || text.contains("no password supplied")
            || (text.contains("role \"") && text.contains("does not exist")) {
            return DatabaseFailure(kind: .authentication, message: text, sqlState: "28P01")
        }
        if text.contains("database \"") && text.contains("does not exist") {
            return DatabaseFailure(kind: .connection, message: text, sqlState: "3D000")
        }
        return DatabaseFailure(kind: .connection, message: "Could not connect to PostgreSQL: \(text)")
    }

    private static func lost(_ connection: OpaquePointer, sqlState: String? = nil) -> DatabaseFailure {
        DatabaseFailure(
            kind: .connection,
            message: "The connection to the PostgreSQL server was lost: \(cleaned(String(cString: PQerrorMessage(connection)))). "
                + "Check that the server is running; open a new connection.",
            sqlState: sqlState)
    }

    /// A diagnostic field of a result, by its one-letter code (`C` SQLSTATE, `M` message, ...).
    private static func field(_ result: OpaquePointer, _ code: String) -> String? {
        guard let letter = code.utf8.first, let pointer = PQresultErrorField(result, Int32(letter)) else { return nil }
        return String(cString: pointer)
    }

    /// libpq messages carry `connection to server at … failed: FATAL:  …` and trailing newlines.
    private static func cleaned(_ message: String) -> String {
        var text = message
        if let range = text.firstRange(of: "failed: ") { text = String(text[range.upperBound...]) }
        text = text.replacing("FATAL:  ", with: "FATAL: ").replacing("ERROR:  ", with: "ERROR: ")
        return text.split(separator: "\n").map { String($0.trimmingPrefix(while: \.isWhitespace)) }.joined(separator: " ")
    }
}
