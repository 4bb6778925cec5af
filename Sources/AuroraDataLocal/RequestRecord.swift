import Logging

/// What the endpoint logs about one request with ``LocalEndpointConfiguration/logRequests`` (`aurora-data-local --verbose`): one `info` line with the operation, the
/// HTTP status, the error code if any, the duration, the request id and the transaction id. Never the SQL's
/// parameter values, the body or any header (signatures and keys stay out).
struct RequestRecord: Sendable {
    /// The operation's model name (`ExecuteStatement`, ...), or the path of an unknown route.
    var operation: String
    /// The transaction the call named, or the one `BeginTransaction` opened.
    var transactionId: String?
    /// The error code of a failed call (`DatabaseErrorException`, ...).
    var errorCode: String?

    init(operation: String) {
        self.operation = operation
    }

    /// Logs the line at `info`.
    func log(to logger: Logger, status: Int, requestId: String, duration: Duration) {
        var metadata: Logger.Metadata = [
            "status": "\(status)",
            "durationMs": "\(Self.milliseconds(duration))",
            "requestId": "\(requestId)",
        ]
        if let errorCode { metadata["error"] = "\(errorCode)" }
        if let transactionId { metadata["transactionId"] = "\(transactionId)" }
        logger.info("\(operation)", metadata: metadata)
    }

    /// The duration in milliseconds with one decimal.
    static func milliseconds(_ duration: Duration) -> String {
        let tenths = duration.components.seconds * 10_000
            + duration.components.attoseconds / 100_000_000_000_000
        return "\(tenths / 10).\(tenths % 10)"
    }
}
