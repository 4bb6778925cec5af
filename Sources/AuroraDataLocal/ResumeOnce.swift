import Synchronization

/// Resumes a continuation once, with whichever outcome arrives first; later outcomes are dropped.
///
/// The outcome may arrive before the continuation is armed (the server can be listening before the task that
/// started it is waiting): it is kept, and `arm` resumes at once.
final class ResumeOnce<Value: Sendable>: Sendable {
    private enum State {
        case waiting
        case armed(CheckedContinuation<Value, any Error>)
        case arrived(Result<Value, any Error>)
        case resumed
    }

    private let state = Mutex<State>(.waiting)

    func arm(_ continuation: CheckedContinuation<Value, any Error>) {
        let early = state.withLock { state -> Result<Value, any Error>? in
            switch state {
            case .waiting:
                state = .armed(continuation)
                return nil
            case .arrived(let result):
                state = .resumed
                return result
            case .armed, .resumed:
                preconditionFailure("ResumeOnce armed twice")
            }
        }
        if let early { continuation.resume(with: early) }
    }

    func resume(with result: Result<Value, any Error>) {
        let continuation = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            switch state {
            case .waiting:
                state = .arrived(result)
                return nil
            case .armed(let continuation):
                state = .resumed
                return continuation
            case .arrived, .resumed:
                return nil
            }
        }
        continuation?.resume(with: result)
    }
}
