import Foundation

/// Runs blocking work (waiting for a child process, a synchronous shutdown) on a thread of its own.
///
/// Swift's cooperative pool has one thread per core, two on the build machine: a test that blocks one of them
/// for a second (a Python process, `waitUntilExit`) stalls every other test in the process, and their
/// timeouts fire for no fault of theirs. Blocking work in tests goes through here.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
