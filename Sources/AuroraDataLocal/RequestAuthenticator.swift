import AuroraDataAPIModel
import AuroraSigV4
import Hummingbird

/// Checks the SigV4 signature of every request with ``SigV4Verifier`` for the `rds-data` service and the
/// configured access keys, and refuses it as AWS does: HTTP 403 with `MissingAuthenticationTokenException`,
/// `IncompleteSignatureException`, `UnrecognizedClientException` or `InvalidSignatureException`.
/// (Signature Version 4 signing, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html)
struct RequestAuthenticator: Sendable {
    let configuration: LocalEndpointConfiguration

    func verify(_ request: Request, body: [UInt8]) throws(DataAPIError) {
        var headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
        // HTTPTypes keeps the HTTP/1.1 `Host` header as the request's authority, outside the header fields.
        if let authority = request.head.authority {
            headers.append((name: "host", value: authority))
        }
        let path = request.uri.path
        let query = request.uri.query ?? ""
        let keys = configuration.accessKeys
        let verifier = SigV4Verifier(
            service: "rds-data",
            region: configuration.region ?? Self.claimedRegion(headers) ?? "us-east-1",
            maxClockSkew: configuration.allowedClockSkew
        ) { accessKeyId in
            keys[accessKeyId].map { AWSCredentials(accessKeyId: accessKeyId, secretAccessKey: $0) }
        }
        do {
            _ = try verifier.verify(
                method: request.method.rawValue, path: path, query: query, headers: headers, body: body,
                now: configuration.now()
            )
        } catch {
            var message = error.message
            // AWS shows what it expected, so a client author can find the difference.
            if let canonical = error.expectedCanonicalRequest, let stringToSign = error.expectedStringToSign {
                message += "\n\nThe Canonical String for this request should have been\n'\(canonical)'\n\n"
                    + "The String-to-Sign should have been\n'\(stringToSign)'\n"
            }
            throw DataAPIError(
                code: DataAPIError.Code(rawValue: error.code.rawValue), message: message, httpStatus: error.httpStatus
            )
        }
    }

    /// The region of the `Credential=` scope, so that any region is accepted when none is configured.
    private static func claimedRegion(_ headers: [(name: String, value: String)]) -> String? {
        guard let authorization = headers.first(where: { $0.name.lowercased() == "authorization" })?.value,
            let credential = authorization.split(whereSeparator: { $0 == " " || $0 == "," })
                .first(where: { $0.hasPrefix("Credential=") })
        else { return nil }
        let scope = credential.dropFirst("Credential=".count).split(separator: "/")
        return scope.count == 5 ? String(scope[2]) : nil
    }
}
