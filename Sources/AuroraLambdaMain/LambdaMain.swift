#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraAWS
import AuroraBuildInfo
import AuroraLambdaHandlers
import AuroraLambdaRuntime
import AuroraMain
import Logging

/// The Lambda custom runtime's entry point (`provided.al2023`), shared by the `bootstrap` executable and the
/// `aurora-data` executable: the Lambda package's `bootstrap` is a copy of the static `aurora-data`, so the
/// release build links one executable, not two.
///
/// Lambda starts the runtime as `/var/task/bootstrap` ("Custom runtime" in the Lambda developer guide: the
/// deployment package's executable named `bootstrap`), so the executable's name picks the role. The environment
/// does not: `AWS_LAMBDA_RUNTIME_API` is also set for any process a function starts, the `aurora-data` CLI included.
public enum LambdaMain {
    /// Whether the process was started as the Lambda runtime: its executable (`argv[0]`) is named `bootstrap`.
    public static func isBootstrap(arguments: [String]) -> Bool {
        guard let executable = arguments.first else { return false }
        return executable.split(separator: "/", omittingEmptySubsequences: false).last == "bootstrap"
    }

    /// Runs the Runtime API loop until the runtime ends; `_HANDLER` picks `migrate` or `posts`. Call it after
    /// `useOneEventLoopThread()`. Returns the process's exit status.
    public static func run(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32 {
        let runtime = LambdaRuntime(
            environment: environment, transport: AsyncHTTPClientTransport(environment: environment))
        return runBlocking {
            await runtime.run { context in
                // The start-up log names the build (the version is set in one place: AuroraBuildInfo).
                context.logger.info(
                    "aurora-data bootstrap \(AuroraBuildInfo.description)",
                    metadata: ["handler": "\(context.environment["_HANDLER"] ?? "")"])
                return try await LambdaFunctionKind.makeHandler(context)
            }
        }
    }
}
