/// An error from the RDS Data API or from the client on its way to it.
///
/// `code` is extensible: every code the service model defines has a static member, codes the model does not
/// know (auth, throttling, future codes) are kept verbatim. The error-code table is
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/CommonErrors.html plus each operation's
/// "Errors" section.
public struct DataAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error code, e.g. `DatabaseErrorException`, without namespace prefix or `:` suffix.
    public var code: Code
    /// What went wrong and, where the client can tell, what to do next.
    public var message: String
    /// The HTTP status of the response, when there was one.
    public var httpStatus: Int?
    /// `x-amzn-RequestId` of the response, when there was one.
    public var requestId: String?
    /// `StatementTimeoutException.dbConnectionId`.
    public var dbConnectionId: Int64?

    /// An error from its parts; only `code` and `message` are always known.
    public init(
        code: Code, message: String, httpStatus: Int? = nil, requestId: String? = nil, dbConnectionId: Int64? = nil
    ) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.requestId = requestId
        self.dbConnectionId = dbConnectionId
    }

    public var description: String {
        var text = "\(code.rawValue): \(message)"
        if let httpStatus { text += " (HTTP \(httpStatus)" + (requestId.map { ", request id \($0)" } ?? "") + ")" }
        return text
    }

    /// An error code. Compare with the static members; unknown codes keep their text in `rawValue`.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        // MARK: Modeled service errors (HTTP status in the comment)
        /// `AccessDeniedException` (403): the caller's IAM policy does not allow the operation, or the secret.
        public static let accessDenied = Code(rawValue: "AccessDeniedException")  // 403
        /// `BadRequestException` (400): the request is invalid, e.g. wrong SQL or a parameter the engine refuses.
        public static let badRequest = Code(rawValue: "BadRequestException")  // 400
        /// `DatabaseErrorException` (400): the database refused the statement; see `databaseDetails`.
        public static let databaseError = Code(rawValue: "DatabaseErrorException")  // 400
        /// `DatabaseNotFoundException` (404): no database of that name on the cluster.
        public static let databaseNotFound = Code(rawValue: "DatabaseNotFoundException")  // 404
        /// `DatabaseResumingException` (400): a paused Aurora Serverless v2 cluster is resuming; retried.
        public static let databaseResuming = Code(rawValue: "DatabaseResumingException")  // 400
        /// `DatabaseUnavailableException` (504): the database did not answer in time; retried.
        public static let databaseUnavailable = Code(rawValue: "DatabaseUnavailableException")  // 504
        /// `ForbiddenException` (403): the request is not allowed.
        public static let forbidden = Code(rawValue: "ForbiddenException")  // 403
        /// `HttpEndpointNotEnabledException` (400): the Data API is not enabled on the cluster.
        public static let httpEndpointNotEnabled = Code(rawValue: "HttpEndpointNotEnabledException")  // 400
        /// `InternalServerErrorException` (500): the service failed; the statement may have run.
        public static let internalServerError = Code(rawValue: "InternalServerErrorException")  // 500
        /// `InvalidResourceStateException` (400): the cluster is not in a state that accepts calls.
        public static let invalidResourceState = Code(rawValue: "InvalidResourceStateException")  // 400
        /// `InvalidSecretException` (400): the secret is not a database user secret the service can use.
        public static let invalidSecret = Code(rawValue: "InvalidSecretException")  // 400
        /// `NotFoundException` (404): the cluster or secret does not exist.
        public static let notFound = Code(rawValue: "NotFoundException")  // 404
        /// `SecretsErrorException` (400): Secrets Manager could not give the secret.
        public static let secretsError = Code(rawValue: "SecretsErrorException")  // 400
        /// `ServiceUnavailableError` (503): the service is unavailable; retried.
        public static let serviceUnavailable = Code(rawValue: "ServiceUnavailableError")  // 503
        /// `StatementTimeoutException` (400): the statement ran longer than 45 s; see `dbConnectionId`.
        public static let statementTimeout = Code(rawValue: "StatementTimeoutException")  // 400
        /// `TransactionNotFoundException` (404): the transaction ended (committed, rolled back or timed out).
        public static let transactionNotFound = Code(rawValue: "TransactionNotFoundException")  // 404
        /// `UnsupportedResultException` (400): the result holds a type the Data API cannot return.
        public static let unsupportedResult = Code(rawValue: "UnsupportedResultException")  // 400

        // MARK: Unmodeled errors the service returns
        /// `ValidationException` (400): a member of the request is missing or out of range.
        public static let validation = Code(rawValue: "ValidationException")  // 400
        /// `UnrecognizedClientException` (403): unknown access key or session token.
        public static let unrecognizedClient = Code(rawValue: "UnrecognizedClientException")  // 403
        /// `InvalidSignatureException` (403): the signature, its scope or its time is wrong.
        public static let invalidSignature = Code(rawValue: "InvalidSignatureException")  // 403
        /// `IncompleteSignatureException` (403): the signature is malformed or misses a part.
        public static let incompleteSignature = Code(rawValue: "IncompleteSignatureException")  // 403
        /// `MissingAuthenticationTokenException` (403): the request was not signed.
        public static let missingAuthenticationToken = Code(rawValue: "MissingAuthenticationTokenException")  // 403
        /// `ExpiredTokenException` (403): the temporary credentials have expired.
        public static let expiredToken = Code(rawValue: "ExpiredTokenException")  // 403
        /// `InvalidClientTokenId` (403): the access key id does not exist.
        public static let invalidClientTokenId = Code(rawValue: "InvalidClientTokenId")  // 403
        /// `SignatureDoesNotMatch` (403): the signature does not match the request.
        public static let signatureDoesNotMatch = Code(rawValue: "SignatureDoesNotMatch")  // 403
        /// `ThrottlingException` (400): too many requests; retried.
        public static let throttling = Code(rawValue: "ThrottlingException")  // 400
        /// `TooManyRequestsException` (429): too many requests; retried.
        public static let tooManyRequests = Code(rawValue: "TooManyRequestsException")  // 429
        /// `RequestEntityTooLarge` (413): the request is over the 4 MiB limit.
        public static let requestEntityTooLarge = Code(rawValue: "RequestEntityTooLarge")  // 413
        /// `UnknownOperationException` (404): the endpoint does not know the operation.
        public static let unknownOperation = Code(rawValue: "UnknownOperationException")  // 404
        /// `SerializationException` (400): the request body is not valid JSON for the operation.
        public static let serializationException = Code(rawValue: "SerializationException")  // 400

        // MARK: Raised by the client itself (never sent by the service)
        /// No credentials could be found or loaded.
        public static let credentialsNotFound = Code(rawValue: "CredentialsNotFound")
        /// Configuration is missing or malformed (region, endpoint, ARN).
        public static let invalidConfiguration = Code(rawValue: "InvalidConfiguration")
        /// The request could not be built (bad parameter, oversized batch set, ...).
        public static let invalidRequest = Code(rawValue: "InvalidRequest")
        /// The request never reached the service (connection refused, DNS, TLS): safe to retry.
        public static let connectionFailed = Code(rawValue: "ConnectionFailed")
        /// The TLS handshake with the endpoint failed (its certificate was refused: issuer not trusted, wrong host
        /// name, expired; or it does not speak TLS), so nothing was sent. Not retried: the next attempt would fail
        /// the same way.
        public static let tlsHandshakeFailed = Code(rawValue: "TLSHandshakeFailed")
        /// The request was sent but no complete answer came back: the statement may or may not have run.
        public static let outcomeUnknown = Code(rawValue: "OutcomeUnknown")
        /// The caller's overall deadline passed while retrying.
        public static let deadlineExceeded = Code(rawValue: "DeadlineExceeded")
        /// The response could not be decoded.
        public static let malformedResponse = Code(rawValue: "MalformedResponse")
        /// A result could not be decoded into the requested Swift type.
        public static let decodingFailed = Code(rawValue: "DecodingFailed")
    }
}

extension DataAPIError.Code {
    /// The HTTP status the service uses for this code, when the model defines one.
    public var httpStatus: Int? {
        switch self {
        case .accessDenied, .forbidden, .unrecognizedClient, .invalidSignature, .incompleteSignature,
            .missingAuthenticationToken, .expiredToken, .invalidClientTokenId, .signatureDoesNotMatch:
            return 403
        case .databaseNotFound, .notFound, .transactionNotFound, .unknownOperation: return 404
        case .internalServerError: return 500
        case .serviceUnavailable: return 503
        case .databaseUnavailable: return 504
        case .tooManyRequests: return 429
        case .requestEntityTooLarge: return 413
        case .badRequest, .databaseError, .databaseResuming, .httpEndpointNotEnabled, .invalidResourceState,
            .invalidSecret, .secretsError, .statementTimeout, .unsupportedResult, .validation, .throttling,
            .serializationException:
            return 400
        default: return nil
        }
    }
}
