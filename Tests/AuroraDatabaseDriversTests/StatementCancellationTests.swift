import AuroraTestSupport
import Foundation
import Synchronization
import Testing

@testable import AuroraDatabaseDrivers

/// The cancel bookkeeping both connections share, driven with real threads and a counting sender: what the
/// servers do with a cancel is covered by the session tests; this covers every timing of a cancel against
/// its statement, which a real server cannot be made to produce on demand.
@Suite("Statement cancellation timing")
struct StatementCancellationTests {
    private static let cancelled = DatabaseFailure(kind: .cancelled, message: "cancelled")

    /// Counts the cancels sent and the sessions opened to send them.
    private final class Sends: Sendable {
        let sent = Atomic<Int>(0)
        let opened = Atomic<Int>(0)
        /// Opening fails this many times first (the server refuses the second session).
        let failuresBeforeOpen: Int

        init(failuresBeforeOpen: Int = 0) { self.failuresBeforeOpen = failuresBeforeOpen }

        func cancel(_ tracker: StatementCancellation) {
            tracker.cancel(
                open: { self.opened.add(1, ordering: .relaxed).newValue > self.failuresBeforeOpen ? true : nil },
                send: { _ in self.sent.add(1, ordering: .relaxed) })
        }

        var count: Int { sent.load(ordering: .relaxed) }
    }

    /// Waits (polling) until `condition` holds, at most 10 s.
    private static func waitUntil(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while !condition() {
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return true
    }

    /// Starts `ticket`'s statement on a thread of its own, its body waiting until `until` holds; returns once
    /// the body runs. The task's value is whether `until` came true within 10 s.
    private static func startRunning(
        _ tracker: StatementCancellation, _ ticket: UInt64, until: @escaping @Sendable () -> Bool
    ) async throws -> Task<Bool, any Error> {
        let running = Atomic<Bool>(false)
        let statement = Task {
            try await offPool {
                try tracker.perform(ticket, cancelled: Self.cancelled) { () throws(DatabaseFailure) -> Bool in
                    running.store(true, ordering: .relaxed)
                    return Self.waitUntil(until)
                }
            }
        }
        _ = try await offPool { Self.waitUntil { running.load(ordering: .relaxed) } }
        return statement
    }

    @Test("a cancel that comes before the statement starts keeps it from being sent")
    func cancelBeforeStart() async throws {
        let tracker = StatementCancellation()
        let sends = Sends()
        let ticket = tracker.submit()
        sends.cancel(tracker)
        let bodyRan = Atomic<Bool>(false)
        let outcome = try await offPool {
            Result { () throws(DatabaseFailure) in
                try tracker.perform(ticket, cancelled: Self.cancelled) { bodyRan.store(true, ordering: .relaxed) }
            }
        }
        #expect(throws: Self.cancelled) { try outcome.get() }
        #expect(bodyRan.load(ordering: .relaxed) == false)
        try await Task.sleep(for: .milliseconds(300))
        #expect(sends.count == 0, "nothing ran, so nothing was sent to the server")
    }

    @Test("a cancel while the statement runs is sent again until the statement ends, then stops")
    func cancelIsRepeatedWhileRunning() async throws {
        let tracker = StatementCancellation()
        let sends = Sends()
        let ticket = tracker.submit()
        // The "server" ignores the first two cancels, as it does when they arrive too early.
        let statement = try await Self.startRunning(tracker, ticket) { sends.count >= 3 }
        sends.cancel(tracker)
        #expect(try await statement.value, "the cancel was repeated until the statement saw the third one")
        #expect(tracker.isCancelled(ticket))
        let afterEnd = sends.count
        try await Task.sleep(for: .milliseconds(1_500))
        #expect(sends.count == afterEnd, "no cancel is sent once the statement has ended")
    }

    @Test("a session to send the cancel that cannot be opened is tried again")
    func openIsRetried() async throws {
        let tracker = StatementCancellation()
        let sends = Sends(failuresBeforeOpen: 2)
        let ticket = tracker.submit()
        let statement = try await Self.startRunning(tracker, ticket) { sends.count >= 1 }
        sends.cancel(tracker)
        #expect(try await statement.value)
        #expect(sends.opened.load(ordering: .relaxed) >= 3)
    }

    @Test("a cancel after the statement ended does not touch the next statement")
    func lateCancelDoesNotReachTheNextStatement() async throws {
        let tracker = StatementCancellation()
        let sends = Sends()
        let first = tracker.submit()
        try tracker.perform(first, cancelled: Self.cancelled) {}
        sends.cancel(tracker)
        let second = tracker.submit()
        let ran = try await offPool {
            try tracker.perform(second, cancelled: Self.cancelled) { () throws(DatabaseFailure) -> Bool in
                Thread.sleep(forTimeInterval: 0.3)
                return true
            }
        }
        #expect(ran)
        #expect(tracker.isCancelled(second) == false)
        #expect(sends.count == 0)
    }

    @Test("closing the connection stops the repeats of a pending cancel")
    func closeStopsTheRepeats() async throws {
        let tracker = StatementCancellation()
        let sends = Sends()
        let ticket = tracker.submit()
        let release = Atomic<Bool>(false)
        let statement = try await Self.startRunning(tracker, ticket) { release.load(ordering: .relaxed) }
        sends.cancel(tracker)
        _ = try await offPool { Self.waitUntil { sends.count >= 1 } }
        tracker.close()
        try await Task.sleep(for: .milliseconds(200))
        let afterClose = sends.count
        try await Task.sleep(for: .milliseconds(1_500))
        #expect(sends.count == afterClose)
        release.store(true, ordering: .relaxed)
        _ = try await statement.value
    }
}
