#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Set by the SIGINT handler (Ctrl-C while a statement runs), read by the session's wait.
private let interruptRequested = Atomic<Bool>(false)

/// Ctrl-C on a terminal session: it abandons the statement waiting for an answer and keeps the session.
enum ShellInterrupt {
    /// Catches SIGINT from now on (only the interactive shell does).
    static func install() {
        // signal(2) rather than sigaction(2): its handler field is named differently in glibc, musl and Darwin.
        _ = signal(SIGINT) { _ in interruptRequested.store(true, ordering: .relaxed) }
        // A parent may have started us with SIGINT blocked; one thread that takes it is enough.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static func reset() { interruptRequested.store(false, ordering: .relaxed) }

    /// Whether Ctrl-C was pressed since the last call.
    static func take() -> Bool { interruptRequested.exchange(false, ordering: .relaxed) }

    /// Runs `body`; Ctrl-C returns nil at once and leaves the call to finish (or not) on its own.
    static func race<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T? {
        reset()
        let once = Once()
        let outcome: Result<T, any Error>? = await withCheckedContinuation { continuation in
            Task {
                let result: Result<T, any Error>
                do { result = .success(try await body()) } catch { result = .failure(error) }
                if once.claim() { continuation.resume(returning: result) }
            }
            Task {
                while !once.isClaimed {
                    if take() {
                        if once.claim() { continuation.resume(returning: nil) }
                        return
                    }
                    try? await Task.sleep(for: .milliseconds(50))
                }
            }
        }
        return try outcome?.get()
    }

    private final class Once: Sendable {
        private let claimed = Atomic<Bool>(false)
        var isClaimed: Bool { claimed.load(ordering: .relaxed) }
        func claim() -> Bool { claimed.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged }
    }
}
