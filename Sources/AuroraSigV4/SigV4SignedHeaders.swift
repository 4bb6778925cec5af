/// The result of signing a request with an `Authorization` header: the headers to add (replacing any of the
/// same name), plus the intermediate values for `--debug` output and tests.
///
/// Implements "Create a signed AWS API request", step 5 (add the signature to the request):
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
public struct SigV4SignedHeaders: Sendable, Hashable {
    /// `X-Amz-Date`: the signing time, `YYYYMMDD'T'HHMMSS'Z'`.
    public var amzDate: String
    /// `X-Amz-Security-Token`: the session token of temporary credentials, nil for long-lived keys.
    public var securityToken: String?
    /// `X-Amz-Content-SHA256`, when ``SigV4Signer/Options/addContentSHA256Header`` is set.
    public var contentSHA256: String?
    /// `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`.
    public var authorization: String
    /// The hex signature alone: the end of ``authorization``, after `Signature=`.
    public var signature: String {
        let bytes = authorization.utf8
        return String(bytes[(bytes.lastIndex(of: UInt8(ascii: "=")).map { bytes.index(after: $0) } ?? bytes.endIndex)...])!
    }
    /// The `;`-separated lower-case names of the signed headers.
    public var signedHeaders: String { String(decoding: signedHeaderBytes, as: UTF8.self) }
    /// The canonical request (step 1). Contains header values, including the session token: never log it
    /// at levels that are on by default.
    public var canonicalRequest: String { String(decoding: canonicalRequestBytes, as: UTF8.self) }
    /// The string to sign (step 3).
    public var stringToSign: String { String(decoding: stringToSignBytes, as: UTF8.self) }

    // Kept as bytes: most callers never look at them, so they are not turned into strings while signing.
    let signedHeaderBytes: ArraySlice<UInt8>
    let canonicalRequestBytes: ArraySlice<UInt8>
    let stringToSignBytes: ArraySlice<UInt8>

    /// The headers to set on the request, in this order: `X-Amz-Date`, `X-Amz-Content-SHA256` (when asked
    /// for), `X-Amz-Security-Token` (when the credentials have one), `Authorization`.
    public var headers: [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [("X-Amz-Date", amzDate)]
        if let contentSHA256 { headers.append(("X-Amz-Content-SHA256", contentSHA256)) }
        if let securityToken { headers.append(("X-Amz-Security-Token", securityToken)) }
        headers.append(("Authorization", authorization))
        return headers
    }

    /// Sets ``headers`` on a header list: first removes `X-Amz-Date`, `X-Amz-Security-Token`, `Authorization`
    /// (and `X-Amz-Content-SHA256` when the signer added one) left from an earlier signing of a retried request,
    /// matching names case-insensitively, then appends the new values.
    public func apply(to requestHeaders: inout [(name: String, value: String)]) {
        var replaced: Set<String> = ["x-amz-date", "x-amz-security-token", "authorization"]
        if contentSHA256 != nil { replaced.insert("x-amz-content-sha256") }
        requestHeaders.removeAll { replaced.contains($0.name.lowercased()) }
        requestHeaders.append(contentsOf: headers)
    }
}

/// The result of presigning: a URL that carries its own signature in the query string.
///
/// Implements "Create a signed AWS API request", step 5, query-string variant ("Sign the request using query
/// parameters"): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
public struct SigV4PresignedURL: Sendable, Hashable {
    /// The URL to use: scheme, authority and path as given, the canonical query string, then `X-Amz-Signature`.
    public var url: String
    /// The hex signature alone.
    public var signature: String
    /// The `;`-separated lower-case names of the signed headers (usually just `host`).
    public var signedHeaders: String
    /// The canonical request. Contains the session token, if any.
    public var canonicalRequest: String
    /// The string to sign.
    public var stringToSign: String

    /// A presigned URL with the intermediate values it was computed from.
    public init(url: String, signature: String, signedHeaders: String, canonicalRequest: String, stringToSign: String) {
        self.url = url
        self.signature = signature
        self.signedHeaders = signedHeaders
        self.canonicalRequest = canonicalRequest
        self.stringToSign = stringToSign
    }
}
