import Dispatch
import Synchronization

/// Runs async work from a synchronous `main` and returns its result: the start-up path of every executable
/// that ships (`aurora-data`, the Lambda `bootstrap`).
///
/// A fully static binary with an `async` main pays ~30 ms at exit: the main thread ends in `dispatch_main()`,
/// whose `pthread_exit` unwinds through libgcc's static frame tables, sorting them first. A synchronous main that
/// blocks on a semaphore and then calls `exit` does not. The work runs in a detached task: a plain `Task` in
/// top-level code would inherit the main actor and deadlock on the blocked main thread.
public func runBlocking(_ work: sending @escaping () async -> Int32) -> Int32 {
    let done = DispatchSemaphore(value: 0)
    let status = Box()
    Task.detached {
        let result = await work()
        status.value.withLock { $0 = result }
        done.signal()
    }
    done.wait()
    return status.value.withLock { $0 }
}

private final class Box: Sendable {
    let value = Mutex<Int32>(0)
}
