#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging

/// Log lines on standard error, which Lambda sends to CloudWatch Logs, in the two formats Lambda defines:
/// text (`timestamp<TAB>requestId<TAB>LEVEL<TAB>message key=value ...`) or, with `AWS_LAMBDA_LOG_FORMAT=JSON`,
/// one JSON object a line (`timestamp`, `level`, `requestId`, `message`, then the metadata).
///
/// Implements https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html
/// (log format and `AWS_LAMBDA_LOG_LEVEL`). Callers put no secrets in messages or metadata; the handler does not
/// try to find them.
public struct LambdaLogHandler: LogHandler {
    public enum Format: String, Sendable {
        case text = "Text"
        case json = "JSON"
    }

    public var format: Format
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    /// Writes one finished line (newline included); standard error by default.
    let output: LambdaLogOutput
    let label: String

    public init(label: String, format: Format, level: Logger.Level, output: LambdaLogOutput = .standardError) {
        self.label = label
        self.format = format
        self.logLevel = level
        self.output = output
    }

    /// The format and level Lambda configures: `AWS_LAMBDA_LOG_FORMAT` (`JSON` or `Text`) and
    /// `AWS_LAMBDA_LOG_LEVEL` (`TRACE`, `DEBUG`, `INFO`, `WARN`, `ERROR`, `FATAL`); `LOG_LEVEL` as a fallback;
    /// `INFO` when neither is set.
    public static func configured(label: String, environment: [String: String], output: LambdaLogOutput = .standardError)
        -> LambdaLogHandler
    {
        let format: Format = environment["AWS_LAMBDA_LOG_FORMAT"]?.uppercased() == "JSON" ? .json : .text
        let levelText = environment["AWS_LAMBDA_LOG_LEVEL"] ?? environment["LOG_LEVEL"] ?? "INFO"
        return LambdaLogHandler(label: label, format: format, level: level(levelText) ?? .info, output: output)
    }

    static func level(_ text: String) -> Logger.Level? {
        switch text.uppercased() {
        case "TRACE": return .trace
        case "DEBUG": return .debug
        case "INFO": return .info
        case "WARN", "WARNING": return .warning
        case "ERROR": return .error
        case "FATAL", "CRITICAL": return .critical
        default: return nil
        }
    }

    static func name(_ level: Logger.Level) -> String {
        switch level {
        case .trace: return "TRACE"
        case .debug: return "DEBUG"
        case .info, .notice: return "INFO"
        case .warning: return "WARN"
        case .error: return "ERROR"
        case .critical: return "FATAL"
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        let requestId = all.removeValue(forKey: "requestId").map { "\($0)" }
        let timestamp = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date())
        switch format {
        case .text:
            var line = "\(timestamp)\t\(requestId ?? "-")\t\(Self.name(event.level))\t\(event.message)"
            for (key, value) in all.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
            output.write(line + "\n")
        case .json:
            var object: [String: String] = [:]
            for (key, value) in all { object[key] = "\(value)" }
            object["timestamp"] = timestamp
            object["level"] = Self.name(event.level)
            object["message"] = "\(event.message)"
            object["logger"] = label
            if let requestId { object["requestId"] = requestId }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let text = (try? encoder.encode(object)).map { String(decoding: $0, as: UTF8.self) } ?? #"{"message":"unencodable log line"}"#
            output.write(text + "\n")
        }
    }
}

/// Where log lines go: one `write(2)` per line, so lines from concurrent tasks do not interleave.
public struct LambdaLogOutput: Sendable {
    public var write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    public static let standardError = LambdaLogOutput { line in
        var line = line
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
