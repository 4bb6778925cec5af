import Dispatch

/// A serial thread for one connection's blocking client-library calls (libpq, libmariadb) or other
/// blocking work (running `initdb`), so they never occupy the Swift concurrency pool. Work runs in submission order, one item at a time.
package final class BlockingQueue: Sendable {
    private let queue: DispatchQueue

    package init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Runs `work` on the queue and waits for it without blocking the caller's thread.
    package func run<T: Sendable, Failure: Error>(
        _ work: @escaping @Sendable () -> Result<T, Failure>
    ) async throws(Failure) -> T {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, Failure>, Never>) in
            queue.async { continuation.resume(returning: work()) }
        }
        return try result.get()
    }

    /// Runs `work` on the queue without waiting (closing a connection).
    func async(_ work: @escaping @Sendable () -> Void) {
        queue.async(execute: work)
    }
}
