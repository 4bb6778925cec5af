import AuroraDataAPIModel
import AuroraDatabaseDrivers

extension DatabaseFailure {
    /// The message Aurora's Data API sends for an engine error: PostgreSQL
    /// `ERROR: <text>[\n  Position: <n>]; SQLState: <state>`, MySQL `<text>; Error code: <n>; SQLState: <state>`
    /// (the formats client libraries parse; dataapi-protocol.md section 7, last paragraph).
    func auroraMessage(engine: DatabaseEngine) -> String {
        switch engine {
        case .postgresql:
            let text = message.hasPrefix("ERROR: ") || message.hasPrefix("FATAL: ") ? message : "ERROR: " + message
            return sqlState.map { "\(text); SQLState: \($0)" } ?? text
        case .mysql:
            var text = message
            if let engineCode { text += "; Error code: \(engineCode)" }
            if let sqlState { text += "; SQLState: \(sqlState)" }
            return text
        }
    }

    /// The Data API error for this failure. `secretArn` names the secret when the login was refused.
    func dataAPIError(engine: DatabaseEngine, secretArn: String) -> DataAPIError {
        switch kind {
        case .statement, .cancelled:
            return DataAPIError(code: .databaseError, message: auroraMessage(engine: engine))
        case .unsupportedResult:
            return DataAPIError(code: .unsupportedResult, message: message)
        case .authentication:
            return DataAPIError(
                code: .invalidSecret,
                message: "The database refused the user name and password of secret \(secretArn): "
                    + "\(auroraMessage(engine: engine)). Check the credentials the secret holds."
            )
        case .connection:
            if sqlState != nil {
                // The server answered but refused the session (e.g. the database does not exist).
                return DataAPIError(code: .databaseError, message: auroraMessage(engine: engine))
            }
            return DataAPIError(
                code: .databaseUnavailable,
                message: "The database server is not available: \(message). Check that it is running."
            )
        }
    }
}
