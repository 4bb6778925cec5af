import Dispatch

/// A serial thread for one connection's blocking client-library calls (libpq, libmariadb), so they never
/// occupy the Swift concurrency pool. Work runs in submission order, one item at a time.
final class BlockingQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Runs `work` on the queue and waits for it without blocking the caller's thread.
    func run<T: Sendable>(
        _ work: @escaping @Sendable () -> Result<T, DatabaseFailure>
    ) async throws(DatabaseFailure) -> T {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, DatabaseFailure>, Never>) in
            queue.async { continuation.resume(returning: work()) }
        }
        return try result.get()
    }

    /// Runs `work` on the queue without waiting (closing a connection).
    func async(_ work: @escaping @Sendable () -> Void) {
        queue.async(execute: work)
    }
}
