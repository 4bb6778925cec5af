import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Signs HTTP requests with AWS Signature Version 4 (`AWS4-HMAC-SHA256`) for one service and region.
///
/// Implements "Create a signed AWS API request"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html) and
/// "Authenticating Requests: Using Query Parameters" for presigned URLs. The signing time is a parameter;
/// derived signing keys are cached per secret key and day, shared by copies of the signer, thread-safe.
///
/// ```swift
/// let signer = SigV4Signer(service: "rds-data", region: "us-east-1")
/// let signed = try signer.sign(method: "POST", url: "https://rds-data.us-east-1.amazonaws.com/Execute",
///                              headers: [("Content-Type", "application/json")], body: body,
///                              credentials: credentials, date: now)
/// request.headers += signed.headers
/// ```
public struct SigV4Signer: Sendable {
    /// The signing name, e.g. `rds-data` (not always the endpoint prefix).
    public var service: String { keyCache.service }
    /// The region in the credential scope, e.g. `us-east-1`.
    public var region: String { keyCache.region }
    /// How the canonical request is built (``Options``).
    public let options: Options
    let keyCache: SigningKeyCache
    /// `/<region>/<service>/aws4_request`, the credential scope after its date.
    let scopeSuffix: [UInt8]

    /// A signer for one service (its signing name, e.g. `rds-data`) in one region.
    public init(service: String, region: String, options: Options = .init()) {
        self.options = options
        self.keyCache = SigningKeyCache(region: region, service: service)
        self.scopeSuffix = Array("/\(region)/\(service)/aws4_request".utf8)
    }

    /// Signs a request with an `Authorization` header.
    ///
    /// - Parameters:
    ///   - method: The HTTP method as sent (`POST`).
    ///   - url: The absolute URL as sent: its path and query already percent-encoded. Raw characters that are not
    ///     valid in a URL (space, non-ASCII) are encoded once in the canonical URI.
    ///   - headers: The headers that will be sent. `Host` is derived from the URL when absent. Headers that
    ///     proxies change are not signed (`User-Agent`, `Connection`, `Expect`, `Transfer-Encoding`,
    ///     `X-Amzn-Trace-Id`, ...), and `Authorization`, `X-Amz-Date`, `X-Amz-Security-Token` are ignored:
    ///     the returned values replace them. An `X-Amz-Content-SHA256` header is signed and used as the payload
    ///     hash.
    ///   - body: The exact body bytes.
    ///   - credentials: The credentials to sign with; a session token is sent as `X-Amz-Security-Token`.
    ///   - date: The signing time (whole seconds are used).
    /// - Returns: The headers to set, and the canonical request and string to sign for debugging.
    public func sign(
        method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        credentials: AWSCredentials, date: Date
    ) throws(SigV4Error) -> SigV4SignedHeaders {
        try prepare(method: method, url: url, headers: headers).sign(body: body, credentials: credentials, date: date)
    }

    /// Creates a presigned URL: the signature and its parameters travel in the query string
    /// (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`,
    /// `X-Amz-Security-Token`, `X-Amz-Signature`).
    ///
    /// Parameters are as for ``sign(method:url:headers:body:credentials:date:)``; the body is hashed unless
    /// ``Options/unsignedPayload`` is set. `expires` is the URL's lifetime, 1 second to 7 days; the URL also
    /// stops working when temporary credentials expire.
    public func presign(
        method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        credentials: AWSCredentials, date: Date, expires: Duration
    ) throws(SigV4Error) -> SigV4PresignedURL {
        let expiresSeconds = expires.components.seconds
        guard (1...604_800).contains(expiresSeconds) else {
            throw SigV4Error(
                code: .invalidExpiration,
                message: "a presigned URL must expire in 1 to 604800 seconds (7 days), not \(expiresSeconds)")
        }
        return try RequestURL.parse(url) { (bytes, url) throws(SigV4Error) in
            let amzDate = AmzDate(date)
            let (headersToSign, payloadHashHeader) = try signingHeaders(headers, host: url.host)
            let payloadHash = payloadHashHeader.map(PayloadHash.text) ?? hashedPayload(body)
            let canonicalHeaders = CanonicalHeaders(headersToSign)

            var credential: [UInt8] = []
            appendCredential(accessKeyId: credentials.accessKeyId, date: amzDate, to: &credential)
            var query = url.query.map { CanonicalRequest.parameters(ofQuery: Array(bytes[$0])[...]) } ?? []
            func add(_ name: String, _ value: some Collection<UInt8>) {
                query.append((Array(name.utf8), PercentEncoding.encoded(value)))
            }
            add("X-Amz-Algorithm", "AWS4-HMAC-SHA256".utf8)
            add("X-Amz-Credential", credential)
            add("X-Amz-Date", amzDate.text.utf8)
            add("X-Amz-Expires", String(expiresSeconds).utf8)
            add("X-Amz-SignedHeaders", canonicalHeaders.signedHeaders)
            if let token = credentials.sessionToken, !options.omitSessionTokenFromSignature {
                add("X-Amz-Security-Token", token.utf8)
            }
            let canonicalRequest = CanonicalRequest.build(
                method: method, path: UnsafeBufferPointer(rebasing: bytes[url.path]), query: query,
                headers: canonicalHeaders, payloadHash: payloadHash, options: options)
            let (stringToSign, digest) = computeSignature(
                canonicalRequest: canonicalRequest, date: amzDate, secretAccessKey: credentials.secretAccessKey)
            let signature = digest.withUnsafeBytes { Hex.string($0) }

            // With `omitSessionTokenFromSignature` the token goes into the URL after signing.
            var unsignedToken: [UInt8] = []
            if let token = credentials.sessionToken, options.omitSessionTokenFromSignature {
                unsignedToken = Array("&X-Amz-Security-Token=".utf8) + PercentEncoding.encoded(token.utf8)
            }
            let capacity: Int = url.origin.count + url.path.count + 1 + CanonicalRequest.capacity(of: query)
                + unsignedToken.count + 18 + signature.utf8.count
            let presigned = ByteWriter.bytes(capacity: capacity) { writer in
                writer.write(UnsafeBufferPointer(rebasing: bytes[url.origin]))
                writer.write(UnsafeBufferPointer(rebasing: bytes[url.path]))
                writer.write("?")
                CanonicalRequest.writeQuery(query, to: &writer)
                writer.write(unsignedToken)
                writer.write("&X-Amz-Signature=")
                writer.write(signature)
            }
            return SigV4PresignedURL(
                url: String(decoding: presigned, as: UTF8.self), signature: signature,
                signedHeaders: canonicalHeaders.signedHeadersString,
                canonicalRequest: String(decoding: canonicalRequest, as: UTF8.self),
                stringToSign: String(decoding: stringToSign, as: UTF8.self))
        }
    }
}
