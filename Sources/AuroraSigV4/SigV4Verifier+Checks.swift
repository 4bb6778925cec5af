import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension SigV4Verifier {
    /// The received request, as bytes.
    struct Request {
        var method: String
        var path: [UInt8]
        var query: [UInt8]
        var headers: [(name: String, value: String)]

        /// The first value of a header, matched case-insensitively.
        func header(_ lowercasedName: String) -> String? {
            headers.first { $0.name.lowercased() == lowercasedName }?.value
        }
    }

    /// The signature parameters, from the `Authorization` header or the presigned query.
    struct Claim {
        var credential: String
        var signedHeaders: String
        var signature: String
        var amzDate: String
        var securityToken: String?
        /// The presigned URL's lifetime in seconds; nil for header authorization.
        var expires: Int64?
    }

    typealias Failure = SigV4VerificationError

    func verifyAuthorizationHeader(_ authorization: String, request: Request, body: [UInt8], now: Date)
        throws(Failure) -> Identity
    {
        let algorithm = "AWS4-HMAC-SHA256"
        let trimmed = authorization.drop { $0 == " " }
        guard trimmed.hasPrefix(algorithm + " ") else {
            let given = trimmed.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            throw Failure(
                code: .incompleteSignature, reason: .malformedAuthorization,
                message: "Unsupported AWS 'algorithm': '\(given)'. Expected '\(algorithm)'.")
        }
        var fields: [String: String] = [:]
        for part in trimmed.dropFirst(algorithm.count + 1).split(separator: ",") {
            let field = part.trimmingSpaces
            guard let equals = field.firstIndex(of: "=") else { continue }
            fields[String(field[..<equals])] = String(field[field.index(after: equals)...])
        }
        let missing = ["Credential", "Signature", "SignedHeaders"].filter { (fields[$0] ?? "").isEmpty }
        let amzDate = request.header("x-amz-date")
        var problems = missing.map { "Authorization header requires '\($0)' parameter." }
        if amzDate == nil {
            problems.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        if !problems.isEmpty {
            throw Failure(
                code: .incompleteSignature, reason: missing.isEmpty ? .missingDate : .malformedAuthorization,
                message: problems.joined(separator: " ") + " Authorization=\(authorization)")
        }
        let claim = Claim(
            credential: fields["Credential"] ?? "", signedHeaders: fields["SignedHeaders"] ?? "",
            signature: fields["Signature"] ?? "", amzDate: amzDate ?? "",
            securityToken: request.header("x-amz-security-token"), expires: nil)
        let query = CanonicalRequest.parameters(ofQuery: request.query[...])
        return try verify(claim, canonicalQuery: query, request: request, body: body, now: now)
    }

    func verifyPresigned(
        parameters: [CanonicalRequest.QueryParameter], request: Request, body: [UInt8], now: Date
    ) throws(Failure) -> Identity {
        func value(_ name: String) -> String? {
            parameters.first { $0.key.elementsEqual(name.utf8) }.map {
                String(decoding: PercentEncoding.decoded($0.value[...]), as: UTF8.self)
            }
        }
        let required = ["X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature"]
        let missing = required.filter { value($0) == nil }
        guard missing.isEmpty, value("X-Amz-Algorithm") == "AWS4-HMAC-SHA256" else {
            throw Failure(
                code: .incompleteSignature, reason: .malformedAuthorization,
                message: "A presigned request requires X-Amz-Algorithm=AWS4-HMAC-SHA256 and the parameters "
                    + required.joined(separator: ", ") + "; missing: " + missing.joined(separator: ", ") + ".")
        }
        guard let expiresText = value("X-Amz-Expires"), let expires = Int64(expiresText), expires >= 0 else {
            throw Failure(
                code: .incompleteSignature, reason: .malformedAuthorization,
                message: "X-Amz-Expires must be a non-negative number of seconds.")
        }
        let claim = Claim(
            credential: value("X-Amz-Credential") ?? "", signedHeaders: value("X-Amz-SignedHeaders") ?? "",
            signature: value("X-Amz-Signature") ?? "", amzDate: value("X-Amz-Date") ?? "",
            securityToken: value("X-Amz-Security-Token"), expires: expires)
        let unsigned = signer.options.omitSessionTokenFromSignature
            ? ["X-Amz-Signature", "X-Amz-Security-Token"] : ["X-Amz-Signature"]
        let query = parameters.filter { parameter in !unsigned.contains { parameter.key.elementsEqual($0.utf8) } }
        return try verify(claim, canonicalQuery: query, request: request, body: body, now: now)
    }

    /// Scope, time, credentials, then the signature itself.
    private func verify(
        _ claim: Claim, canonicalQuery: [CanonicalRequest.QueryParameter], request: Request, body: [UInt8], now: Date
    ) throws(Failure) -> Identity {
        let scope = claim.credential.split(separator: "/", omittingEmptySubsequences: false)
        guard scope.count == 5, !scope[0].isEmpty else {
            throw Failure(
                code: .incompleteSignature, reason: .malformedAuthorization,
                message: "Credential '\(claim.credential)' is malformed: expected "
                    + "<access key id>/<YYYYMMDD>/<region>/<service>/aws4_request.")
        }
        guard scope[4] == "aws4_request" else {
            throw Failure(
                code: .incompleteSignature, reason: .malformedAuthorization,
                message: "Credential should be scoped with a valid terminator: 'aws4_request', not '\(scope[4])'.")
        }
        guard let date = AmzDate(parsing: claim.amzDate) else {
            throw Failure(
                code: .incompleteSignature, reason: .malformedDate,
                message: "Date must be in ISO-8601 'basic format'. Got '\(claim.amzDate)'. "
                    + "See http://en.wikipedia.org/wiki/ISO_8601")
        }
        guard scope[2] == signer.region else {
            throw Failure(
                code: .invalidSignature, reason: .wrongRegion,
                message: "Credential should be scoped to a valid region, not '\(scope[2])'. Sign for '\(signer.region)'.")
        }
        guard scope[3] == signer.service else {
            throw Failure(
                code: .invalidSignature, reason: .wrongService,
                message: "Credential should be scoped to correct service: '\(signer.service)'. ")
        }
        let dateText = date.text
        guard scope[1] == date.scopeDate else {
            throw Failure(
                code: .invalidSignature, reason: .scopeDateMismatch,
                message: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                    + "'\(scope[1])' != '\(dateText.prefix(8))', from '\(dateText)'.")
        }
        try checkTime(date, expires: claim.expires, now: now)

        let accessKeyId = String(scope[0])
        guard let credentials = lookup(accessKeyId) else {
            throw Failure(
                code: .unrecognizedClient, reason: .unknownAccessKey,
                message: "The security token included in the request is invalid.")
        }
        guard Self.constantTimeEquals(claim.securityToken ?? "", credentials.sessionToken ?? "") else {
            throw Failure(
                code: .unrecognizedClient, reason: .invalidSecurityToken,
                message: "The security token included in the request is invalid.")
        }

        let signedNames = Set(claim.signedHeaders.split(separator: ";").map(String.init))
        guard signedNames.contains("host") else {
            throw Failure(
                code: .incompleteSignature, reason: .malformedAuthorization,
                message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
        }
        var headers: [CanonicalHeaders.Header] = []
        var contentSHA256: String?
        var present = Set<String>()
        for header in request.headers {
            let name = header.name.lowercased()
            guard signedNames.contains(name) else { continue }
            if name == "x-amz-content-sha256" { contentSHA256 = header.value }
            headers.append(.init(name: name, value: header.value))
            present.insert(name)
        }
        // The canonical request follows SignedHeaders as sent: a name the request does not carry counts with an
        // empty value, as AWS computes it, so a name added to SignedHeaders after signing breaks the signature.
        for name in signedNames where !present.contains(name) { headers.append(.init(name: name, value: "")) }
        let payloadHash = try payloadHash(body: body, contentSHA256: contentSHA256, presigned: claim.expires != nil)
        let canonicalRequest = request.path.withUnsafeBufferPointer { path in
            CanonicalRequest.build(
                method: request.method, path: path, query: canonicalQuery, headers: CanonicalHeaders(headers),
                payloadHash: .text(payloadHash), options: signer.options)
        }
        let (stringToSign, digest) = signer.computeSignature(
            canonicalRequest: canonicalRequest, date: date, secretAccessKey: credentials.secretAccessKey)
        let signature = digest.withUnsafeBytes { Hex.string($0) }
        guard Self.constantTimeEquals(signature, claim.signature) else {
            throw Failure(
                code: .invalidSignature, reason: .signatureMismatch,
                message: "The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method. "
                    + "Consult the service documentation for details.",
                expectedCanonicalRequest: String(decoding: canonicalRequest, as: UTF8.self),
                expectedStringToSign: String(decoding: stringToSign, as: UTF8.self))
        }
        return Identity(accessKeyId: accessKeyId, sessionToken: credentials.sessionToken, signingDate: date.date)
    }

    /// AWS accepts a signing time up to 5 minutes either side of its clock; a presigned URL also until
    /// `X-Amz-Date + X-Amz-Expires`.
    private func checkTime(_ date: AmzDate, expires: Int64?, now: Date) throws(Failure) {
        let skew = maxClockSkew.components.seconds
        let current = AmzDate(now)
        let minutes = skew % 60 == 0 ? "\(skew / 60) min." : "\(skew) s"
        let latest = date.epochSeconds + max(skew, expires ?? 0)
        if current.epochSeconds > latest {
            let limit = AmzDate(Date(timeIntervalSince1970: TimeInterval(current.epochSeconds - (latest - date.epochSeconds))))
            throw Failure(
                code: .invalidSignature, reason: .signatureExpired,
                message: "Signature expired: \(date.text) is now earlier than \(limit.text) "
                    + (expires == nil ? "(\(current.text) - \(minutes))" : "(\(current.text) - \(expires ?? 0) s)")
                    + ". Check the clock of the signing machine.")
        }
        if date.epochSeconds > current.epochSeconds + skew {
            let limit = AmzDate(Date(timeIntervalSince1970: TimeInterval(current.epochSeconds + skew)))
            throw Failure(
                code: .invalidSignature, reason: .signatureNotYetCurrent,
                message: "Signature not yet current: \(date.text) is still later than \(limit.text) "
                    + "(\(current.text) + \(minutes)). Check the clock of the signing machine.")
        }
    }

    /// The body hash; a signed `X-Amz-Content-SHA256` header must match the body unless it is `UNSIGNED-PAYLOAD`
    /// and the options allow unsigned payloads.
    private func payloadHash(body: [UInt8], contentSHA256: String?, presigned: Bool) throws(Failure) -> [UInt8] {
        if signer.options.unsignedPayload && (presigned || contentSHA256 == "UNSIGNED-PAYLOAD") {
            return Array("UNSIGNED-PAYLOAD".utf8)
        }
        let hash = SHA256.digest(of: body).withUnsafeBytes { Hex.lowercase($0) }
        if let contentSHA256, !contentSHA256.utf8.elementsEqual(hash) {
            throw Failure(
                code: .invalidSignature, reason: .payloadHashMismatch,
                message: "The provided 'x-amz-content-sha256' header does not match what was computed.")
        }
        return hash
    }

    /// Compares without an early exit, so the time taken does not reveal how many leading bytes matched.
    static func constantTimeEquals(_ left: String, _ right: String) -> Bool {
        let left = Array(left.utf8)
        let right = Array(right.utf8)
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
        if left.count != right.count { difference |= 1 }
        for index in 0..<min(left.count, right.count) { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
