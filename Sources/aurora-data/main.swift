#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AuroraDataCommands
import AuroraMain

// A synchronous main: async commands go through `runBlocking`, the start-up path shared with the Lambda
// `bootstrap`; `--help` and `--version` never start Swift concurrency or NIO. exit() flushes stdout.
useOneEventLoopThread()
exit(AuroraDataCommand.main(arguments: Array(CommandLine.arguments.dropFirst())))
