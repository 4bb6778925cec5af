#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Best-effort cleanup when the process exits without stopping its throwaway servers (e.g. a test
/// process that keeps a shared server for its whole life): an `atexit` hook kills them and deletes their
/// directories. Process-wide by nature, since `atexit` is.
final class ServerReaper: Sendable {
    static let shared = ServerReaper()

    private struct Entry {
        var directory: String
        var signal: Int32
    }

    private let running = Mutex<[pid_t: Entry]>([:])
    private let hooked = Latch()

    func add(pid: pid_t, directory: String, signal: Int32) {
        running.withLock { $0[pid] = Entry(directory: directory, signal: signal) }
        if hooked.set() {
            atexit { ServerReaper.shared.stopAll() }
        }
    }

    func remove(_ pid: pid_t) {
        _ = running.withLock { $0.removeValue(forKey: pid) }
    }

    private func stopAll() {
        let entries = running.withLock { entries in
            defer { entries.removeAll() }
            return entries
        }
        for (pid, entry) in entries {
            ChildProcess(pid: pid).terminate(with: entry.signal, grace: .seconds(5))
            try? FileManager.default.removeItem(atPath: entry.directory)
        }
    }
}
