import NIOCore

/// Waits for a statement task or a deadline, whichever comes first, without cancelling the statement:
/// the caller decides whether to cancel it (the Data API timeout) or let it run on (`continueAfterTimeout`).
///
/// The deadline is a task scheduled on an event loop, not a `Task.sleep`: cancelling a sleeping task leaves its
/// timer armed until the deadline, so every statement would hold its timer's memory for the whole statement
/// timeout (measured: about half a kilobyte per request, tens of megabytes under load, for 45 s). A cancelled
/// scheduled task is gone at once.
enum StatementDeadline {
    /// The statement's result, or nil when `timeout` passed first.
    static func race<Output: Sendable>(
        _ statement: Task<Output, Never>, timeout: Duration, on eventLoop: any EventLoop
    ) async -> Output? {
        let once = ResumeOnce<Output?>()
        let outcome = try? await withCheckedThrowingContinuation { continuation in
            once.arm(continuation)
            let timer = eventLoop.scheduleTask(in: TimeAmount(timeout)) {
                once.resume(with: .success(nil))
            }
            Task {
                let output = await statement.value
                timer.cancel()
                once.resume(with: .success(output))
            }
        }
        return outcome ?? nil
    }
}
