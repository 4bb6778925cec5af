import Synchronization

/// Resumes a continuation once, with whichever outcome arrives first; later outcomes are dropped.
final class ResumeOnce<Value: Sendable>: Sendable {
    private let state = Mutex<CheckedContinuation<Value, any Error>?>(nil)

    func arm(_ continuation: CheckedContinuation<Value, any Error>) {
        state.withLock { $0 = continuation }
    }

    func resume(with result: Result<Value, any Error>) {
        let continuation = state.withLock { current -> CheckedContinuation<Value, any Error>? in
            defer { current = nil }
            return current
        }
        continuation?.resume(with: result)
    }
}
