import AuroraDataAPI
import AuroraLambdaRuntime

/// The handlers one `bootstrap` executable serves; the function's Handler setting (`_HANDLER`) picks one.
public enum LambdaFunctionKind: String, CaseIterable, Sendable {
    /// `Custom::SchemaMigration`: migrates the schema during a CloudFormation deploy (and direct `deploy`,
    /// `status`, `reset` commands).
    case migrate
    /// The posts API behind API Gateway (REST payload 1.0 or HTTP API payload 2.0), and direct `get`/`create`.
    case posts

    /// The handler named by `_HANDLER`; an unknown or missing name is an init error naming the valid ones.
    public static func named(_ name: String?) throws(LambdaError) -> LambdaFunctionKind {
        let valid = allCases.map(\.rawValue).joined(separator: ", ")
        guard let name, !name.isEmpty else {
            throw LambdaError(
                errorType: "Runtime.InvalidHandler",
                errorMessage: "The function's Handler setting (\(LambdaVariable.handler)) is empty; set it to one of: \(valid).")
        }
        guard let kind = LambdaFunctionKind(rawValue: name) else {
            throw LambdaError(
                errorType: "Runtime.InvalidHandler",
                errorMessage: "Unknown handler '\(name)' (\(LambdaVariable.handler)); this bootstrap serves: \(valid).")
        }
        return kind
    }

    /// Builds the handler `_HANDLER` names: reads the configuration, creates the Data API client (once, reused by
    /// every invocation) and, for `migrate`, loads the bundled scripts.
    public static func makeHandler(_ context: LambdaInitContext) async throws -> any LambdaHandler {
        let kind = try named(context.environment[LambdaVariable.handler])
        let settings = try LambdaSettings(environment: context.environment)
        let client: DataAPIClient
        do {
            client = try DataAPIClient.fromEnvironment(
                environment: context.environment, transport: context.transport, logger: context.logger)
        } catch {
            throw LambdaError(errorType: "Runtime.InvalidConfiguration", errorMessage: error.message)
        }
        switch kind {
        case .migrate:
            return try SchemaMigrationFunction(client: client, settings: settings, transport: context.transport)
        case .posts:
            return PostsFunction(client: client, settings: settings)
        }
    }
}
