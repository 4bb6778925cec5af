import AuroraDataAPIModel

extension MigrationEngine {
    /// The engine behind `database`, from its answer to `SELECT version()` (one Data API call).
    /// - Throws: ``MigrationError`` `unknownEngine` when the answer is not one it knows, or the call's error.
    public static func detect(_ database: any MigrationDatabase) async throws -> MigrationEngine {
        let response = try await database.execute("SELECT version()", parameters: [], transactionId: nil)
        guard let text = response.records?.first?.first?.text, let engine = MigrationEngine(versionString: text) else {
            throw MigrationError(
                code: .unknownEngine,
                message: "Cannot tell the database engine from `SELECT version()` (\(String(describing: response.records))). "
                    + "Pass --engine postgresql or --engine mysql.")
        }
        return engine
    }
}
