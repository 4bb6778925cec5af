import AuroraDataAPIModel

/// The Data API operations the client sends, with their paths and the failures after which sending the
/// same request again is safe.
///
/// Implements the operation list of https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_Operations.html
/// (all `POST` with a JSON body, no URI labels).
///
/// Retry rules (decided per code, see `shouldRetry(_:)`):
/// - Always retried: `DatabaseResumingException` (the request was cancelled while a paused Serverless v2 instance
///   resumes), `DatabaseUnavailableException` (no writer available, the statement did not reach the database),
///   `ServiceUnavailableError` and HTTP 503, throttling (`ThrottlingException`, `TooManyRequestsException`, HTTP 429)
///   and connection failures before anything was sent.
/// - `InternalServerErrorException` and other 5xx answers are retried only for BeginTransaction and
///   RollbackTransaction: an ExecuteStatement, BatchExecuteStatement or CommitTransaction that failed that way
///   may have taken effect, and sending it again could apply a write twice.
/// - Never retried: a failure after the request was sent without a complete answer (`outcomeUnknown`), and every
///   other error (SQL errors, validation, auth, statement timeouts).
public enum DataAPIOperation: String, Sendable, Hashable, CaseIterable {
    /// `ExecuteStatement` (`POST /Execute`): one statement.
    case executeStatement = "ExecuteStatement"
    /// `BatchExecuteStatement` (`POST /BatchExecute`): one statement over many parameter sets.
    case batchExecuteStatement = "BatchExecuteStatement"
    /// `BeginTransaction` (`POST /BeginTransaction`).
    case beginTransaction = "BeginTransaction"
    /// `CommitTransaction` (`POST /CommitTransaction`).
    case commitTransaction = "CommitTransaction"
    /// `RollbackTransaction` (`POST /RollbackTransaction`).
    case rollbackTransaction = "RollbackTransaction"

    /// The request path, e.g. `/Execute`.
    public var path: String {
        switch self {
        case .executeStatement: return "/Execute"
        case .batchExecuteStatement: return "/BatchExecute"
        case .beginTransaction: return "/BeginTransaction"
        case .commitTransaction: return "/CommitTransaction"
        case .rollbackTransaction: return "/RollbackTransaction"
        }
    }

    /// Whether sending this operation again after `error` cannot apply its effect twice.
    public func shouldRetry(_ error: DataAPIError) -> Bool {
        switch error.code {
        case .databaseResuming, .databaseUnavailable, .serviceUnavailable, .throttling, .tooManyRequests,
            .connectionFailed:
            return true
        case .outcomeUnknown:
            return false
        default:
            break
        }
        switch error.httpStatus {
        case 429?, 503?:
            return true
        case let status? where status >= 500:
            return self == .beginTransaction || self == .rollbackTransaction
        default:
            return false
        }
    }
}
