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
import AuroraLambdaHandlers
import AuroraLambdaRuntime
import AuroraMain

// The Lambda custom runtime for every aurora-data function; `_HANDLER` picks `migrate` or `posts`.
// A synchronous main (see `runBlocking`, shared with the `aurora-data` CLI) keeps the fully static binary's start fast.
useOneEventLoopThread()
let environment = ProcessInfo.processInfo.environment
let runtime = LambdaRuntime(environment: environment, transport: AsyncHTTPClientTransport(environment: environment))
exit(runBlocking { await runtime.run(makeHandler: LambdaFunctionKind.makeHandler) })
