#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// Writes `--debug` output to stderr: the message, then each metadata value on its own indented lines, so a
/// canonical request reads as it was signed. The client only logs values without secrets.
struct DebugLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    /// A logger that shows everything at `.trace` and above.
    static func logger() -> Logger {
        Logger(label: "aurora-data") { _ in DebugLogHandler() }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var text = "[\(event.level)] \(event.message)\n"
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for key in merged.keys.sorted() {
            let value = "\(merged[key].map { "\($0)" } ?? "")"
            if value.contains("\n") {
                text += "  \(key):\n" + value.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "    " + $0 }.joined(separator: "\n") + "\n"
            } else {
                text += "  \(key): \(value)\n"
            }
        }
        StandardError.print(text)
    }
}
