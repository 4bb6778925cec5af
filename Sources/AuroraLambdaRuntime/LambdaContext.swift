import Logging

/// What the Lambda service says about one invocation, from the headers of `GET /runtime/invocation/next`.
///
/// Implements the invocation metadata of https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-next
public struct LambdaContext: Sendable {
    /// `Lambda-Runtime-Aws-Request-Id`.
    public let requestId: String
    /// `Lambda-Runtime-Deadline-Ms`: when Lambda stops the function, in milliseconds since 1970 (UTC).
    public let deadlineMilliseconds: Int64
    /// `Lambda-Runtime-Invoked-Function-Arn`.
    public let invokedFunctionArn: String
    /// `Lambda-Runtime-Trace-Id`, sent only when active tracing is on (also exported as `_X_AMZN_TRACE_ID`).
    public let traceId: String?
    /// `Lambda-Runtime-Client-Context` (mobile SDK invocations), as sent.
    public let clientContext: String?
    /// `Lambda-Runtime-Cognito-Identity`, as sent.
    public let cognitoIdentity: String?
    /// Logs with this invocation's request id.
    public let logger: Logger
    /// The wall clock the deadline is compared with.
    public let clock: LambdaClock

    public init(
        requestId: String, deadlineMilliseconds: Int64, invokedFunctionArn: String, traceId: String? = nil,
        clientContext: String? = nil, cognitoIdentity: String? = nil, logger: Logger, clock: LambdaClock = .system
    ) {
        self.requestId = requestId
        self.deadlineMilliseconds = deadlineMilliseconds
        self.invokedFunctionArn = invokedFunctionArn
        self.traceId = traceId
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.logger = logger
        self.clock = clock
    }

    /// Time left before Lambda stops the function (negative once the deadline has passed).
    public func remainingTime() -> Duration {
        .milliseconds(deadlineMilliseconds - clock.nowMilliseconds())
    }
}
