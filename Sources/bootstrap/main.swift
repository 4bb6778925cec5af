#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import AuroraLambdaMain
import AuroraMain

// The Lambda custom runtime for every aurora-data function; `_HANDLER` picks `migrate` or `posts`. The packaged
// `bootstrap` is the static `aurora-data` under this name (LambdaMain.isBootstrap); this target runs the same code.
// A synchronous main (see `runBlocking`, shared with the `aurora-data` CLI) keeps the fully static binary's start fast.
useOneEventLoopThread()
exit(LambdaMain.run())
