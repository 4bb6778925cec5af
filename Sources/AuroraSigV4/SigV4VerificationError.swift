/// Why an incoming request failed SigV4 verification, with the error code and message AWS returns for it.
///
/// The HTTP layer maps it to a response (AWS answers all of these with HTTP 403 and a JSON body
/// `{"__type": code, "message": message}` for JSON protocols such as rds-data).
/// Codes: https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/CommonErrors.html
public struct SigV4VerificationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The AWS error code, e.g. `InvalidSignatureException`.
    public var code: Code
    /// The finer reason, for tests and logs; several reasons share a code.
    public var reason: Reason
    /// The AWS-style message, e.g. "Signature expired: ...".
    public var message: String
    /// The canonical request the verifier computed (signature mismatches only). It holds the session token:
    /// return it to the caller who sent the request, do not log it.
    public var expectedCanonicalRequest: String?
    /// The string to sign the verifier computed (signature mismatches only).
    public var expectedStringToSign: String?

    /// An error with the AWS code, the finer reason and the AWS-style message; the expected canonical request
    /// and string to sign only for signature mismatches.
    public init(
        code: Code, reason: Reason, message: String, expectedCanonicalRequest: String? = nil,
        expectedStringToSign: String? = nil
    ) {
        self.code = code
        self.reason = reason
        self.message = message
        self.expectedCanonicalRequest = expectedCanonicalRequest
        self.expectedStringToSign = expectedStringToSign
    }

    /// The HTTP status AWS uses for authentication failures.
    public var httpStatus: Int { 403 }

    public var description: String { "\(code.rawValue): \(message)" }

    /// An AWS authentication error code.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No `Authorization` header and no presigned query parameters.
        public static let missingAuthenticationToken = Code(rawValue: "MissingAuthenticationTokenException")
        /// The `Authorization` header or presigned parameters are incomplete or malformed.
        public static let incompleteSignature = Code(rawValue: "IncompleteSignatureException")
        /// Unknown access key id, or a session token that does not belong to it.
        public static let unrecognizedClient = Code(rawValue: "UnrecognizedClientException")
        /// Wrong signature, scope, or a signing time outside the allowed clock skew.
        public static let invalidSignature = Code(rawValue: "InvalidSignatureException")
    }

    /// What exactly failed.
    public enum Reason: String, Sendable, Hashable {
        /// Neither an `Authorization` header nor presigned query parameters.
        case missingAuthentication
        /// The `Authorization` header or the presigned parameters cannot be parsed or miss a part.
        case malformedAuthorization
        /// No `X-Amz-Date` (or `Date`) header or parameter.
        case missingDate
        /// The signing time is not of the form `YYYYMMDDTHHMMSSZ`.
        case malformedDate
        /// The credentials lookup does not know the access key id.
        case unknownAccessKey
        /// The session token is missing, or is not the one issued with the access key.
        case invalidSecurityToken
        /// The credential scope names another region.
        case wrongRegion
        /// The credential scope names another service.
        case wrongService
        /// The credential scope's date is not the signing time's date.
        case scopeDateMismatch
        /// The request was signed more than the allowed clock skew ago, or its presigned URL has expired.
        case signatureExpired
        /// The request was signed more than the allowed clock skew in the future.
        case signatureNotYetCurrent
        /// The recomputed signature differs from the one sent.
        case signatureMismatch
        /// `X-Amz-Content-SHA256` does not match the body.
        case payloadHashMismatch
    }
}
