#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered output to stderr (fd 2), usable from any task.
enum StandardError {
    static func print(_ text: String) {
        writeAll(text, to: STDERR_FILENO)
    }

    /// Writes all of `text` to `descriptor` unbuffered; false when a write fails (`errno` says why).
    @discardableResult
    static func writeAll(_ text: String, to descriptor: Int32) -> Bool {
        var remaining = Array(text.utf8)[...]
        while !remaining.isEmpty {
            let written = remaining.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { return false }
            remaining = remaining.dropFirst(written)
        }
        return true
    }
}
