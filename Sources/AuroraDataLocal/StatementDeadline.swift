/// Waits for a statement task or a deadline, whichever comes first, without cancelling the statement:
/// the caller decides whether to cancel it (the Data API timeout) or let it run on (`continueAfterTimeout`).
enum StatementDeadline {
    /// The statement's result, or nil when `timeout` passed first.
    static func race<Output: Sendable>(_ statement: Task<Output, Never>, timeout: Duration) async -> Output? {
        let once = ResumeOnce<Output?>()
        let outcome = try? await withCheckedThrowingContinuation { continuation in
            once.arm(continuation)
            let timer = Task {
                // Cancelled when the statement finished first: then it must not resume.
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
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
