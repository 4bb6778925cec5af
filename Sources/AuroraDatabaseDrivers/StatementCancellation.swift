import Dispatch
import Synchronization

/// Makes a cancel reach the statement it was meant for, however it is timed.
///
/// Both servers drop a cancel that arrives while the session is idle (MySQL's `KILL QUERY`, PostgreSQL's cancel
/// request), so one cancel sent once can be lost: when it arrives before the statement reaches the server, the
/// statement runs to its end, possibly for hours. Here each statement takes a ticket when it is submitted, and a
/// cancel covers every ticket submitted so far:
/// - a covered statement that has not started yet is not sent (`perform` fails it as cancelled);
/// - while a covered statement runs, the cancel is sent again with a growing pause (50 ms up to 1 s) until the
///   statement ends, so a cancel that came too early is repeated once the statement is on the server.
/// A cancel is only sent while a covered statement is marked as running, under the same lock that ends it, so
/// it cannot hit a later statement on the same session.
final class StatementCancellation: Sendable {
    private struct State {
        var submitted: UInt64 = 0
        var cancelledThrough: UInt64 = 0
        var finishedThrough: UInt64 = 0
        var running: UInt64?
        var closed = false
    }

    private let state = Mutex(State())

    /// Called when a statement is handed to the connection's queue; its ticket for `perform`.
    func submit() -> UInt64 {
        state.withLock { state in
            state.submitted += 1
            return state.submitted
        }
    }

    /// Runs one statement on the connection's queue: `body` sends it, unless a cancel already covers it; then
    /// it fails with `cancelled` without reaching the server.
    func perform<T>(
        _ ticket: UInt64, cancelled: @autoclosure () -> DatabaseFailure, _ body: () throws(DatabaseFailure) -> T
    ) throws(DatabaseFailure) -> T {
        let started = state.withLock { state in
            guard ticket > state.cancelledThrough else { return false }
            state.running = ticket
            return true
        }
        defer {
            state.withLock { state in
                if state.running == ticket { state.running = nil }
                state.finishedThrough = max(state.finishedThrough, ticket)
            }
        }
        guard started else { throw cancelled() }
        return try body()
    }

    /// Whether a cancel covers `ticket` (a statement can end normally after its cancel: MySQL's `SLEEP()`).
    func isCancelled(_ ticket: UInt64) -> Bool {
        state.withLock { ticket <= $0.cancelledThrough }
    }

    /// Stops the repeats of a pending cancel (the connection is closed).
    func close() {
        state.withLock { $0.closed = true }
    }

    /// Cancels every statement submitted so far, from a thread of its own (never the caller's). `open` makes
    /// what sends a cancel (a second session, for MySQL), off the lock, and is retried while it answers nil;
    /// `send` delivers one cancel to the server. `send` is called under the lock, only while a covered
    /// statement runs: keep it to one round trip.
    func cancel<Sender: Sendable>(open: @escaping @Sendable () -> Sender?, send: @escaping @Sendable (Sender) -> Void) {
        let target = state.withLock { state in
            state.cancelledThrough = max(state.cancelledThrough, state.submitted)
            return state.cancelledThrough
        }
        let attempt = CancelAttempt(target: target, tracker: self, open: open, send: send)
        DispatchQueue.global().async { attempt.run(pauseIndex: 0, sender: nil) }
    }

    /// One cancel's repeats, until every statement it covers has finished or the connection is closed.
    private struct CancelAttempt<Sender: Sendable>: Sendable {
        /// Pauses between sends, in milliseconds; the last one repeats.
        static var pauses: [Int] { [50, 100, 250, 500, 1000] }

        let target: UInt64
        let tracker: StatementCancellation
        let open: @Sendable () -> Sender?
        let send: @Sendable (Sender) -> Void

        func run(pauseIndex: Int, sender: Sender?) {
            guard isNeeded else { return }
            let sender = sender ?? open()
            let over = tracker.state.withLock { state in
                guard !state.closed, state.finishedThrough < target else { return true }
                if let running = state.running, running <= target, let sender { send(sender) }
                return false
            }
            guard !over else { return }
            let pause = Self.pauses[min(pauseIndex, Self.pauses.count - 1)]
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(pause)) {
                run(pauseIndex: pauseIndex + 1, sender: sender)
            }
        }

        private var isNeeded: Bool {
            tracker.state.withLock { !$0.closed && $0.finishedThrough < target }
        }
    }
}
