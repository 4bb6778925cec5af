#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The client's view of time: the wall clock used for signing and deadlines, and how it waits between retries.
/// Tests inject a clock whose `sleep` only advances `now`.
public struct DataAPIClock: Sendable {
    /// The current time (SigV4 `X-Amz-Date` and retry deadlines).
    public var now: @Sendable () -> Date
    /// Waits for the given duration; throws `CancellationError` when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void

    /// A clock from its two functions.
    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The system clock and `Task.sleep`.
    public static var system: DataAPIClock {
        DataAPIClock(now: { Date() }, sleep: { try await Task.sleep(for: $0) })
    }
}
