import AuroraLambdaRuntime
import AuroraMigrate

extension SchemaMigrationFunction {
    /// Direct invocations (`aws lambda invoke --payload '{"command":"status"}'`): `deploy` applies the pending
    /// versions, `status` reports every version, `reset` drops everything and re-applies all scripts — only when
    /// `AURORA_ALLOW_RESET=true` is set on the function. Failures are reported as the invocation's error.
    func handleCommand(_ command: JSONValue, context: LambdaContext) async throws -> [UInt8] {
        let migrator = migrator(
            appliedBy: "lambda \(context.invokedFunctionArn) \(context.requestId)", progress: MigrationProgress(), context: context)
        do {
            switch command.string {
            case "deploy":
                return JSONOutput.encode(try await migrator.migrate())
            case "status":
                return JSONOutput.encode(try await migrator.status())
            case "reset":
                guard settings.allowReset else {
                    throw LambdaError(
                        errorType: "Function.ResetRefused",
                        errorMessage: "reset drops every table and re-applies all scripts, destroying all data. It runs only when "
                            + "\(LambdaVariable.allowReset)=true is set on the function; never set it in production.")
                }
                return JSONOutput.encode(try await migrator.reset(destroyAllData: true))
            default:
                throw LambdaError(
                    errorType: "Function.InvalidCommand",
                    errorMessage: #"Unknown command \#(command.string.map { "'\($0)'" } ?? command.kind); use "deploy", "status" or "reset"."#)
            }
        } catch let error as MigrationError {
            throw LambdaError(errorType: "Migration.\(error.code.rawValue)", errorMessage: error.message)
        }
    }
}
