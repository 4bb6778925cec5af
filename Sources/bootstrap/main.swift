#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import AuroraAWS
import AuroraBuildInfo
import AuroraLambdaHandlers
import AuroraLambdaRuntime
import AuroraMain
import Logging

// The Lambda custom runtime for every aurora-data function; `_HANDLER` picks `migrate` or `posts`.
// A synchronous main (see `runBlocking`, shared with the `aurora-data` CLI) keeps the fully static binary's start fast.
useOneEventLoopThread()
let environment = ProcessInfo.processInfo.environment
let runtime = LambdaRuntime(environment: environment, transport: AsyncHTTPClientTransport(environment: environment))
exit(runBlocking {
    await runtime.run { context in
        // The start-up log names the build (the version is set in one place: AuroraBuildInfo).
        context.logger.info(
            "aurora-data bootstrap \(AuroraBuildInfo.description)",
            metadata: ["handler": "\(context.environment["_HANDLER"] ?? "")"])
        return try await LambdaFunctionKind.makeHandler(context)
    }
})
