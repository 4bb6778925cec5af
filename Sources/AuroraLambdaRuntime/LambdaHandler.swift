/// Turns one event into one response. The runtime calls it for every invocation, one at a time.
///
/// Return the response payload (JSON bytes); a thrown error is reported to Lambda through
/// `POST /runtime/invocation/{id}/error` (its type from ``LambdaReportableError`` when it conforms) and the runtime
/// goes on with the next event.
public protocol LambdaHandler: Sendable {
    func handle(_ event: [UInt8], context: LambdaContext) async throws -> [UInt8]
}

/// An error that names its Lambda error type (`Lambda-Runtime-Function-Error-Type`, `errorType`), e.g.
/// `Function.InvalidEvent`. Other errors are reported as their Swift type name.
public protocol LambdaReportableError: Error {
    var errorType: String { get }
    var errorMessage: String { get }
}
