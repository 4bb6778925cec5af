import AuroraAWS

/// One event from `GET /runtime/invocation/next`.
public struct LambdaInvocation: Sendable {
    public var requestId: String
    public var deadlineMilliseconds: Int64
    public var invokedFunctionArn: String
    public var traceId: String?
    public var clientContext: String?
    public var cognitoIdentity: String?
    public var event: [UInt8]
}

/// The Lambda Runtime API (`http://$AWS_LAMBDA_RUNTIME_API/2018-06-01`), over an ``HTTPTransport``.
///
/// Implements https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html. Every failure is a
/// ``LambdaRuntimeAPIError``; the runtime loop ends the process on one, as Lambda asks ("Runtime should exit promptly").
public struct LambdaRuntimeAPI: Sendable {
    /// `http://host:port/2018-06-01`.
    public let baseURL: String
    public let transport: any HTTPTransport

    /// - Parameter address: the value of `AWS_LAMBDA_RUNTIME_API`, `host:port`.
    public init(address: String, transport: any HTTPTransport) {
        self.baseURL = "http://\(address)/2018-06-01"
        self.transport = transport
    }

    /// No timeout for `next`: between events the process is frozen, and the call waits as long as Lambda needs
    /// ("Do not set a timeout on the GET request"). A year stands for "none".
    static let noTimeout = Duration.seconds(366 * 24 * 3600)
    /// Posting a response or an error is answered at once by a healthy Runtime API.
    static let postTimeout = Duration.seconds(30)

    /// Waits for the next event.
    public func next() async throws(LambdaRuntimeAPIError) -> LambdaInvocation {
        let response = try await send(HTTPRequest(method: "GET", url: baseURL + "/runtime/invocation/next"), timeout: Self.noTimeout)
        guard response.status == 200 else { throw .unexpectedStatus(response.status, "GET next", Self.text(response.body)) }
        guard let requestId = response.header("Lambda-Runtime-Aws-Request-Id"), !requestId.isEmpty else {
            throw .invalidInvocation("the event has no Lambda-Runtime-Aws-Request-Id header")
        }
        guard let deadlineText = response.header("Lambda-Runtime-Deadline-Ms"), let deadline = Int64(deadlineText) else {
            throw .invalidInvocation("the event \(requestId) has no numeric Lambda-Runtime-Deadline-Ms header")
        }
        return LambdaInvocation(
            requestId: requestId, deadlineMilliseconds: deadline,
            invokedFunctionArn: response.header("Lambda-Runtime-Invoked-Function-Arn") ?? "",
            traceId: Self.nonEmpty(response.header("Lambda-Runtime-Trace-Id")),
            clientContext: Self.nonEmpty(response.header("Lambda-Runtime-Client-Context")),
            cognitoIdentity: Self.nonEmpty(response.header("Lambda-Runtime-Cognito-Identity")),
            event: response.body)
    }

    /// `POST /runtime/invocation/{id}/response`. Returns the status (202 accepted; 413 too large).
    public func respond(requestId: String, payload: [UInt8]) async throws(LambdaRuntimeAPIError) -> Int {
        let request = HTTPRequest(
            method: "POST", url: baseURL + "/runtime/invocation/\(requestId)/response",
            headers: [("Content-Type", "application/json")], body: payload)
        return try await post(request, what: "response")
    }

    /// `POST /runtime/invocation/{id}/error` with `Lambda-Runtime-Function-Error-Type`.
    public func reportError(requestId: String, _ error: any Error) async throws(LambdaRuntimeAPIError) -> Int {
        try await post(Self.errorRequest(url: baseURL + "/runtime/invocation/\(requestId)/error", error), what: "error")
    }

    /// `POST /runtime/init/error`.
    public func reportInitError(_ error: any Error) async throws(LambdaRuntimeAPIError) -> Int {
        try await post(Self.errorRequest(url: baseURL + "/runtime/init/error", error), what: "init error")
    }

    static func errorRequest(url: String, _ error: any Error) -> HTTPRequest {
        let report = LambdaErrorReport(error)
        return HTTPRequest(
            method: "POST", url: url,
            headers: [("Content-Type", "application/json"), ("Lambda-Runtime-Function-Error-Type", report.errorType)],
            body: report.json)
    }

    /// A post: a 5xx means the container is broken ("Non-recoverable state"), anything else is returned.
    private func post(_ request: HTTPRequest, what: String) async throws(LambdaRuntimeAPIError) -> Int {
        let response = try await send(request, timeout: Self.postTimeout)
        if response.status >= 500 { throw .unexpectedStatus(response.status, "POST \(what)", Self.text(response.body)) }
        return response.status
    }

    private func send(_ request: HTTPRequest, timeout: Duration) async throws(LambdaRuntimeAPIError) -> HTTPResponse {
        do {
            return try await transport.send(request, timeout: timeout)
        } catch let error as TransportError {
            throw .connectionLost(error.description)
        } catch {
            throw .connectionLost(String(describing: error))
        }
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func text(_ body: [UInt8]) -> String { String(decoding: body.prefix(500), as: UTF8.self) }
}

/// The Runtime API could not be used; the process must end.
public enum LambdaRuntimeAPIError: Error, Sendable, CustomStringConvertible {
    case connectionLost(String)
    case unexpectedStatus(Int, String, String)
    case invalidInvocation(String)

    public var description: String {
        switch self {
        case .connectionLost(let detail): return "lost the connection to the Lambda Runtime API: \(detail)"
        case .unexpectedStatus(let status, let call, let body): return "the Lambda Runtime API answered \(call) with HTTP \(status): \(body)"
        case .invalidInvocation(let detail): return "the Lambda Runtime API sent an invalid invocation: \(detail)"
        }
    }
}
