/// An error with the Lambda error type it is reported under (`errorType`, extensible, e.g. `Runtime.MissingConfiguration`
/// or `Function.InvalidEvent`) and a message that says what to change. At start-up it goes to `POST /runtime/init/error`,
/// after which the process exits non-zero (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-initerror); from a
/// handler, to `/invocation/{id}/error`.
public struct LambdaError: LambdaReportableError, CustomStringConvertible, Sendable {
    /// The error type Lambda shows, e.g. `Runtime.MissingConfiguration`.
    public var errorType: String
    /// What is wrong and what to change.
    public var errorMessage: String

    public init(errorType: String, errorMessage: String) {
        self.errorType = errorType
        self.errorMessage = errorMessage
    }

    public var description: String { "\(errorType): \(errorMessage)" }

    /// A required environment variable is missing or empty.
    public static func missingVariable(_ name: String, what: String) -> LambdaError {
        LambdaError(
            errorType: "Runtime.MissingConfiguration",
            errorMessage: "The environment variable \(name) is not set: it must hold \(what). Set it in the function's configuration.")
    }
}
