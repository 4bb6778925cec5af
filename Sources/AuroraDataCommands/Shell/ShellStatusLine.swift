#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import Synchronization

/// The one-line "resuming…" status while the client retries a call to a paused Aurora Serverless v2 cluster
/// (`DatabaseResumingException`). It learns of retries from the client's logger (`retrying Data API call`, at
/// debug level, with the error code in its metadata), the client's only report of them.
/// On a terminal the line is rewritten in place and cleared when the call ends; elsewhere it is written once per call.
final class ShellStatusLine: Sendable {
    private let descriptor: Int32
    private let isTerminal: Bool
    /// Whether a status is showing for the current call.
    private let showing = Mutex(false)

    init(descriptor: Int32 = STDERR_FILENO) {
        self.descriptor = descriptor
        isTerminal = isatty(descriptor) == 1
    }

    /// A log handler that shows the retries of a resuming cluster.
    var logHandler: Handler { Handler(status: self) }

    func resuming(attempt: String, delay: String) {
        let first = showing.withLock { showing in
            defer { showing = true }
            return !showing
        }
        let text = "The database is resuming from auto-pause… retrying (attempt \(attempt) failed, next in \(delay) s)"
        if isTerminal {
            StandardError.writeAll("\r\u{1b}[K" + text, to: descriptor)
        } else if first {
            StandardError.writeAll("The database is resuming from auto-pause… retrying.\n", to: descriptor)
        }
    }

    /// The call ended: a terminal's status line is cleared.
    func clear() {
        let wasShowing = showing.withLock { showing in
            defer { showing = false }
            return showing
        }
        if wasShowing && isTerminal { StandardError.writeAll("\r\u{1b}[K", to: descriptor) }
    }

    struct Handler: LogHandler {
        let status: ShellStatusLine
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            guard event.message.description == "retrying Data API call",
                let metadata = event.metadata, metadata["error"]?.description == "DatabaseResumingException"
            else { return }
            status.resuming(
                attempt: metadata["attempt"]?.description ?? "?", delay: metadata["delay-seconds"]?.description ?? "?")
        }
    }
}
