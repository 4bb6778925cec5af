// A synchronous entry point: the async command runs in a detached task while the main thread waits on a
// semaphore. An async `main` ends in `dispatch_main()`, whose `pthread_exit` makes a statically linked binary sort
// every unwind table at exit (~30 ms); a plain `Task {}` here would inherit the main actor and deadlock.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AuroraDataCommands
import Dispatch
import Synchronization

let finished = DispatchSemaphore(value: 0)
let exitStatus = Atomic<Int32>(0)
let arguments = Array(CommandLine.arguments.dropFirst())
Task.detached {
    exitStatus.store(await AuroraDataCommand.run(arguments: arguments), ordering: .sequentiallyConsistent)
    finished.signal()
}
finished.wait()
// exit() flushes stdout.
exit(exitStatus.load(ordering: .sequentiallyConsistent))
