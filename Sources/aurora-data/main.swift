#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AuroraDataCommands
import AuroraLambdaMain
import AuroraMain

// A synchronous main: async commands go through `runBlocking`, the start-up path shared with the Lambda
// `bootstrap`; `--help` and `--version` never start Swift concurrency or NIO. exit() flushes stdout.
useOneEventLoopThread()
// Started as `bootstrap` (the Lambda package holds this executable under that name), it is the Lambda runtime.
if LambdaMain.isBootstrap(arguments: CommandLine.arguments) {
    exit(LambdaMain.run())
}
exit(AuroraDataCommand.main(arguments: Array(CommandLine.arguments.dropFirst())))
