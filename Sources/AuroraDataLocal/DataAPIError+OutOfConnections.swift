import AuroraDataAPIModel
import AuroraDatabaseDrivers

extension DataAPIError {
    /// The answer past the endpoint's connection or transaction cap. The Data API documents no error of its own
    /// for this: when an Aurora cluster runs out of connections, callers see `DatabaseErrorException` with the
    /// engine's "too many connections" error (MySQL 1040 / SQLState 08004, PostgreSQL SQLState 53300). The exact
    /// wording AWS sends is not documented; this keeps the engine's code and state at the end, where client
    /// libraries parse them, and says which cap was hit and how to raise it.
    static func outOfConnections(engine: DatabaseEngine, cap: String) -> DataAPIError {
        switch engine {
        case .postgresql:
            return DataAPIError(
                code: .databaseError,
                message: "FATAL: sorry, too many clients already (\(cap)); SQLState: 53300"
            )
        case .mysql:
            return DataAPIError(
                code: .databaseError,
                message: "Too many connections (\(cap)); Error code: 1040; SQLState: 08004"
            )
        }
    }
}
