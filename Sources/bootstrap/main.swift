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

// The Lambda custom runtime for every aurora-data function; `_HANDLER` picks `migrate` or `posts`.
// A synchronous main (see `runBlocking`) keeps the fully static binary's start fast.
let runtime = LambdaRuntime(environment: ProcessInfo.processInfo.environment, transport: AsyncHTTPClientTransport())
exit(runBlocking { await runtime.run(makeHandler: LambdaFunctionKind.makeHandler) })
