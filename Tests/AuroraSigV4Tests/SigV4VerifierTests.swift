import AuroraSigV4
import Foundation
import Testing

@Suite("SigV4Verifier")
struct SigV4VerifierTests {
    static let credentials = AWSCredentials(accessKeyId: "AKIDLOCAL", secretAccessKey: "local-secret-key/with+chars")
    static let temporary = AWSCredentials(
        accessKeyId: "ASIALOCAL", secretAccessKey: "temporary-secret", sessionToken: "token/with+plus==")
    static let signingDate = SigV4Fixtures.suiteDate  // 20150830T123600Z
    static let url = "http://127.0.0.1:8080/Execute"
    static let body = Array(#"{"sql": "SELECT 1", "database": "postgres"}"#.utf8)

    let verifier = SigV4Verifier(service: "rds-data", region: "us-east-1") { accessKeyId in
        [credentials, temporary].first { $0.accessKeyId == accessKeyId }
    }

    /// A signed request as the endpoint receives it: the client's headers, the signature headers, and headers
    /// an HTTP client adds after signing.
    static func signedRequest(
        credentials: AWSCredentials = credentials, region: String = "us-east-1", service: String = "rds-data",
        url: String = url, date: Date = signingDate
    ) throws -> [(name: String, value: String)] {
        let headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        let signed = try SigV4Signer(service: service, region: region).sign(
            method: "POST", url: url, headers: headers, body: body, credentials: credentials, date: date)
        return [("Host", "127.0.0.1:8080")] + headers + signed.headers
            + [("Content-Length", String(body.count)), ("User-Agent", "aurora-data/1.0")]
    }

    func verify(
        _ headers: [(name: String, value: String)], path: String = "/Execute", query: String = "",
        body: [UInt8] = body, now: Date = signingDate
    ) throws(SigV4VerificationError) -> SigV4Verifier.Identity {
        try verifier.verify(method: "POST", path: path, query: query, headers: headers, body: body, now: now)
    }

    /// The verification error an operation throws; nil when it succeeds (or throws something else).
    func failure(_ operation: () throws -> SigV4Verifier.Identity) -> SigV4VerificationError? {
        do {
            _ = try operation()
            return nil
        } catch {
            return error as? SigV4VerificationError
        }
    }

    @Test func acceptsASignedRequest() throws {
        let identity = try verify(Self.signedRequest())
        #expect(identity.accessKeyId == "AKIDLOCAL")
        #expect(identity.sessionToken == nil)
        #expect(identity.signingDate == Self.signingDate)
    }

    @Test func acceptsTemporaryCredentialsWithTheirToken() throws {
        let identity = try verify(Self.signedRequest(credentials: Self.temporary))
        #expect(identity.accessKeyId == "ASIALOCAL")
        #expect(identity.sessionToken == "token/with+plus==")
    }

    @Test func acceptsAQueryStringInAnyOrder() throws {
        let headers = try Self.signedRequest(url: "http://127.0.0.1:8080/Execute?b=2&a=%E1%88%B4&a=1&flag")
        _ = try verify(headers, query: "b=2&a=%E1%88%B4&a=1&flag")
        #expect(failure { try verify(headers, query: "b=3&a=%E1%88%B4&a=1&flag") }?.reason == .signatureMismatch)
    }

    @Test func acceptsTheEdgesOfTheClockSkewWindow() throws {
        let headers = try Self.signedRequest()
        _ = try verify(headers, now: Self.signingDate.addingTimeInterval(300))
        _ = try verify(headers, now: Self.signingDate.addingTimeInterval(-300))
    }

    @Test func missingAuthorization() {
        let error = failure {
            try verify([("Host", "127.0.0.1:8080"), ("X-Amz-Date", "20150830T123600Z")])
        }
        #expect(error?.code == .missingAuthenticationToken)
        #expect(error?.message == "Missing Authentication Token")
        #expect(error?.httpStatus == 403)
    }

    @Test func incompleteAuthorizationHeader() throws {
        var headers = try Self.signedRequest()
        headers.removeAll { $0.name == "Authorization" }
        headers.append(("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20150830/us-east-1/rds-data/aws4_request"))
        let error = failure { try verify(headers) }
        #expect(error?.code == .incompleteSignature)
        #expect(error?.message.contains("Authorization header requires 'Signature' parameter.") == true)
        #expect(error?.message.contains("Authorization header requires 'SignedHeaders' parameter.") == true)
    }

    @Test func unsupportedAlgorithm() {
        let error = failure {
            try verify([("Host", "127.0.0.1:8080"), ("Authorization", "Basic dXNlcjpwYXNz")])
        }
        #expect(error?.code == .incompleteSignature)
        #expect(error?.message.contains("'Basic'") == true)
    }

    @Test func malformedCredentialScope() throws {
        var headers = try Self.signedRequest()
        let index = try #require(headers.firstIndex { $0.name == "Authorization" })
        headers[index].value = headers[index].value.replacingOccurrences(of: "/aws4_request", with: "/aws5_request")
        #expect(failure { try verify(headers) }?.code == .incompleteSignature)
        headers[index].value = headers[index].value.replacingOccurrences(of: "us-east-1/", with: "")
        #expect(failure { try verify(headers) }?.reason == .malformedAuthorization)
    }

    @Test func missingOrMalformedDate() throws {
        var headers = try Self.signedRequest()
        headers.removeAll { $0.name == "X-Amz-Date" }
        let missing = failure { try verify(headers) }
        #expect(missing?.code == .incompleteSignature)
        #expect(missing?.reason == .missingDate)
        headers.append(("X-Amz-Date", "2015-08-30T12:36:00Z"))
        let malformed = failure { try verify(headers) }
        #expect(malformed?.code == .incompleteSignature)
        #expect(malformed?.reason == .malformedDate)
    }

    @Test func unknownAccessKey() throws {
        let stranger = AWSCredentials(accessKeyId: "AKIDSTRANGER", secretAccessKey: "whatever")
        let error = failure { try verify(Self.signedRequest(credentials: stranger)) }
        #expect(error?.code == .unrecognizedClient)
        #expect(error?.reason == .unknownAccessKey)
        #expect(error?.message == "The security token included in the request is invalid.")
    }

    @Test func wrongSecretKey() throws {
        let impostor = AWSCredentials(accessKeyId: "AKIDLOCAL", secretAccessKey: "not-the-secret")
        let error = failure { try verify(Self.signedRequest(credentials: impostor)) }
        #expect(error?.code == .invalidSignature)
        #expect(error?.reason == .signatureMismatch)
        #expect(
            error?.message.hasPrefix("The request signature we calculated does not match the signature you provided.")
                == true)
        #expect(error?.expectedCanonicalRequest?.hasPrefix("POST\n/Execute\n\ncontent-type:application/json\n") == true)
        #expect(error?.expectedStringToSign?.hasPrefix("AWS4-HMAC-SHA256\n20150830T123600Z\n") == true)
    }

    @Test func tamperedRequest() throws {
        let headers = try Self.signedRequest()
        var otherBody = Self.body
        otherBody[otherBody.count - 3] = UInt8(ascii: "X")
        #expect(failure { try verify(headers, body: otherBody) }?.reason == .signatureMismatch)
        #expect(failure { try verify(headers, path: "/BeginTransaction") }?.reason == .signatureMismatch)
        var otherType = headers
        otherType[1].value = "text/plain"
        #expect(failure { try verify(otherType) }?.reason == .signatureMismatch)
        // A name added to SignedHeaders for a header the request does not carry: it counts with an empty value,
        // so the signature no longer matches.
        let authorization = try #require(headers.firstIndex { $0.name.lowercased() == "authorization" })
        var extraName = headers
        extraName[authorization].value = headers[authorization].value.replacingOccurrences(
            of: "SignedHeaders=", with: "SignedHeaders=a-absent-header;")
        #expect(extraName[authorization].value != headers[authorization].value)
        #expect(failure { try verify(extraName) }?.reason == .signatureMismatch)
    }

    @Test func aSignedHeaderWithAnEmptyValueMayBeLeftOut() throws {
        // Signed with an empty header that an HTTP client then drops: AWS counts the missing header as empty.
        let headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("X-Amz-Meta-Note", "")]
        let signed = try SigV4Signer(service: "rds-data", region: "us-east-1").sign(
            method: "POST", url: Self.url, headers: headers, body: Self.body, credentials: Self.credentials,
            date: Self.signingDate)
        let authorization = try #require(signed.headers.first { $0.name.lowercased() == "authorization" })
        #expect(authorization.value.contains("x-amz-meta-note"))
        let sent = [("Host", "127.0.0.1:8080"), headers[0]] + signed.headers
        #expect(try verify(sent).accessKeyId == "AKIDLOCAL")
    }

    @Test func signatureExpired() throws {
        let error = failure {
            try verify(Self.signedRequest(), now: Self.signingDate.addingTimeInterval(301))
        }
        #expect(error?.code == .invalidSignature)
        #expect(error?.reason == .signatureExpired)
        #expect(
            error?.message.hasPrefix(
                "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)")
                == true)
    }

    @Test func signatureNotYetCurrent() throws {
        let error = failure {
            try verify(Self.signedRequest(), now: Self.signingDate.addingTimeInterval(-301))
        }
        #expect(error?.code == .invalidSignature)
        #expect(error?.reason == .signatureNotYetCurrent)
        #expect(
            error?.message.hasPrefix(
                "Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z (20150830T123059Z + 5 min.)")
                == true)
    }

    @Test func wrongRegionOrService() throws {
        let region = failure { try verify(Self.signedRequest(region: "eu-west-1")) }
        #expect(region?.code == .invalidSignature)
        #expect(region?.reason == .wrongRegion)
        let service = failure { try verify(Self.signedRequest(service: "rds")) }
        #expect(service?.code == .invalidSignature)
        #expect(service?.reason == .wrongService)
        #expect(service?.message.contains("'rds-data'") == true)
    }

    @Test func scopeDateMustMatchTheSigningTime() throws {
        var headers = try Self.signedRequest()
        let index = try #require(headers.firstIndex { $0.name == "X-Amz-Date" })
        headers[index].value = "20150831T000100Z"
        let error = failure {
            try verify(headers, now: Self.signingDate.addingTimeInterval(41_460))
        }
        #expect(error?.reason == .scopeDateMismatch)
        #expect(error?.code == .invalidSignature)
    }

    @Test func sessionTokenMustBelongToTheKey() throws {
        var headers = try Self.signedRequest(credentials: Self.temporary)
        headers.removeAll { $0.name == "X-Amz-Security-Token" }
        #expect(failure { try verify(headers) }?.reason == .invalidSecurityToken)
        headers.append(("X-Amz-Security-Token", "another-token"))
        let error = failure { try verify(headers) }
        #expect(error?.code == .unrecognizedClient)
        #expect(error?.reason == .invalidSecurityToken)
        let longLived = try Self.signedRequest() + [("X-Amz-Security-Token", "unexpected")]
        #expect(failure { try verify(longLived) }?.reason == .invalidSecurityToken)
    }

    @Test func hostMustBeSigned() throws {
        var headers = try Self.signedRequest()
        let index = try #require(headers.firstIndex { $0.name == "Authorization" })
        headers[index].value = headers[index].value.replacingOccurrences(of: "content-type;host;", with: "content-type;")
        let error = failure { try verify(headers) }
        #expect(error?.code == .incompleteSignature)
    }

    @Test func presignedURL() throws {
        let signer = SigV4Signer(service: "rds-data", region: "us-east-1")
        let presigned = try signer.presign(
            method: "GET", url: "http://127.0.0.1:8080/Execute?x=1", credentials: Self.temporary,
            date: Self.signingDate, expires: .seconds(900))
        let query = String(presigned.url.split(separator: "?", maxSplits: 1)[1])
        func check(now: Date) throws(SigV4VerificationError) -> SigV4Verifier.Identity {
            try verifier.verify(
                method: "GET", path: "/Execute", query: query, headers: [("Host", "127.0.0.1:8080")], body: [], now: now)
        }
        #expect(try check(now: Self.signingDate.addingTimeInterval(899)).sessionToken == Self.temporary.sessionToken)
        #expect(failure { try check(now: Self.signingDate.addingTimeInterval(901)) }?.reason == .signatureExpired)
        let tampered = query.replacingOccurrences(of: "x=1", with: "x=2")
        #expect(failure {
            try verifier.verify(method: "GET", path: "/Execute", query: tampered, headers: [("Host", "127.0.0.1:8080")], body: [], now: Self.signingDate)
        }?.reason == .signatureMismatch)
    }
}
