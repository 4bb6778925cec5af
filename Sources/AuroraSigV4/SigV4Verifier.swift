import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Verifies SigV4-signed incoming requests the way AWS does: parses the `Authorization` header (or the
/// presigned query parameters), looks up the secret by access key id, recomputes the signature with the same
/// canonicalization as ``SigV4Signer`` and compares in constant time, and enforces a clock-skew window.
///
/// "Create a signed AWS API request" read backwards:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
public struct SigV4Verifier: Sendable {
    /// Finds the credentials of an access key id, nil when the key is unknown. When the credentials have a
    /// session token, requests must carry exactly that token.
    public typealias CredentialsLookup = @Sendable (_ accessKeyId: String) -> AWSCredentials?

    /// The authenticated caller of a verified request.
    public struct Identity: Sendable, Hashable {
        /// The access key id the request was signed with.
        public var accessKeyId: String
        /// The session token the request carried, for temporary credentials.
        public var sessionToken: String?
        /// The request's signing time (`X-Amz-Date`).
        public var signingDate: Date

        /// An identity from its parts.
        public init(accessKeyId: String, sessionToken: String?, signingDate: Date) {
            self.accessKeyId = accessKeyId
            self.sessionToken = sessionToken
            self.signingDate = signingDate
        }
    }

    let signer: SigV4Signer
    /// Requests signed further than this from `now`, in either direction, are rejected (AWS: 5 minutes).
    public let maxClockSkew: Duration
    let lookup: CredentialsLookup

    /// A verifier for one service and region.
    ///
    /// - Parameters:
    ///   - service: The signing name requests must be scoped to, e.g. `rds-data`.
    ///   - region: The region requests must be scoped to.
    ///   - options: The canonicalization the signers use (the defaults for every service but S3).
    ///   - maxClockSkew: How far a signing time may be from now, either way (AWS: 5 minutes).
    ///   - credentials: Finds the credentials of an access key id.
    public init(
        service: String, region: String, options: SigV4Signer.Options = .init(),
        maxClockSkew: Duration = .seconds(300), credentials: @escaping CredentialsLookup
    ) {
        self.signer = SigV4Signer(service: service, region: region, options: options)
        self.maxClockSkew = maxClockSkew
        self.lookup = credentials
    }

    /// Verifies one request.
    ///
    /// - Parameters:
    ///   - method: The HTTP method as received (`POST`).
    ///   - path: The path as received on the wire, still percent-encoded (`/Execute`).
    ///   - query: The raw query string after `?`, empty when there is none.
    ///   - headers: All request headers as received (names in any case).
    ///   - body: The exact body bytes.
    ///   - now: The server's current time.
    /// - Returns: Who signed the request.
    public func verify(
        method: String, path: String, query: String = "", headers: [(name: String, value: String)],
        body: [UInt8], now: Date
    ) throws(SigV4VerificationError) -> Identity {
        let request = Request(method: method, path: Array(path.utf8), query: Array(query.utf8), headers: headers)
        if let authorization = request.header("authorization") {
            return try verifyAuthorizationHeader(authorization, request: request, body: body, now: now)
        }
        let parameters = CanonicalRequest.parameters(ofQuery: request.query[...])
        if parameters.contains(where: { $0.key.elementsEqual("X-Amz-Algorithm".utf8) }) {
            return try verifyPresigned(parameters: parameters, request: request, body: body, now: now)
        }
        throw SigV4VerificationError(
            code: .missingAuthenticationToken, reason: .missingAuthentication, message: "Missing Authentication Token")
    }
}
