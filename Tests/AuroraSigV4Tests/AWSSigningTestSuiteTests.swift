import AuroraSigV4
import Foundation
import Testing

/// The official SigV4 test suite, new format (`Fixtures/sigv4/aws-c-auth-aws-signing-test-suite/v4`): every case
/// signed both with an `Authorization` header and as a presigned URL, comparing the canonical request, the
/// string to sign and the signature with the suite's files.
///
/// Unsupported cases: none.
@Suite("AWS signing test suite v4 (aws-c-auth format)")
struct AWSSigningTestSuiteTests {
    static let caseNames = SigV4Fixtures.caseNames(in: SigV4Fixtures.awsCAuthSuite, containing: "context.json")

    /// One case folder: `request.txt`, `context.json` and the expected files.
    struct Case {
        let directory: URL
        let request: RawRequest
        let credentials: AWSCredentials
        let region: String
        let service: String
        let date: Date
        let normalize: Bool
        let signBody: Bool
        let omitSessionToken: Bool
        let expiresSeconds: Int64

        init(_ name: String) throws {
            directory = SigV4Fixtures.awsCAuthSuite.appendingPathComponent(name)
            request = try RawRequest(SigV4Fixtures.text(directory.appendingPathComponent("request.txt")))
            let context = try JSONDecoder().decode(
                Context.self, from: Data(contentsOf: directory.appendingPathComponent("context.json")))
            credentials = AWSCredentials(
                accessKeyId: context.credentials.access_key_id,
                secretAccessKey: context.credentials.secret_access_key, sessionToken: context.credentials.token)
            region = context.region
            service = context.service
            guard let date = ISO8601DateFormatter().date(from: context.timestamp) else {
                throw FixtureError("bad timestamp \(context.timestamp)")
            }
            self.date = date
            normalize = context.normalize
            signBody = context.sign_body
            omitSessionToken = context.omit_session_token ?? false
            expiresSeconds = context.expiration_in_seconds
        }

        func signer(forHeaderSigning: Bool) -> SigV4Signer {
            SigV4Signer(
                service: service, region: region,
                options: .init(
                    normalizePath: normalize, addContentSHA256Header: forHeaderSigning && signBody,
                    omitSessionTokenFromSignature: omitSessionToken))
        }

        func expected(_ file: String) throws -> String {
            try SigV4Fixtures.text(directory.appendingPathComponent(file))
        }
    }

    struct Context: Decodable {
        struct Credentials: Decodable {
            var access_key_id: String
            var secret_access_key: String
            var token: String?
        }
        var credentials: Credentials
        var expiration_in_seconds: Int64
        var normalize: Bool
        var region: String
        var service: String
        var sign_body: Bool
        var timestamp: String
        var omit_session_token: Bool?
    }

    @Test func suiteIsComplete() {
        #expect(Self.caseNames.count == 38)
    }

    @Test("header signing", arguments: caseNames)
    func headerSigning(caseName: String) throws {
        let suiteCase = try Case(caseName)
        let signed = try suiteCase.signer(forHeaderSigning: true).sign(
            method: suiteCase.request.method, url: suiteCase.request.url, headers: suiteCase.request.headers,
            body: suiteCase.request.body, credentials: suiteCase.credentials, date: suiteCase.date)
        #expect(signed.canonicalRequest == (try suiteCase.expected("header-canonical-request.txt")))
        #expect(signed.stringToSign == (try suiteCase.expected("header-string-to-sign.txt")))
        #expect(signed.signature == (try suiteCase.expected("header-signature.txt")))

        let signedRequest = try RawRequest(suiteCase.expected("header-signed-request.txt"))
        #expect(signed.authorization == signedRequest.value(of: "Authorization"))
        #expect(signed.amzDate == signedRequest.value(of: "X-Amz-Date"))
        #expect(signed.securityToken == signedRequest.value(of: "X-Amz-Security-Token"))
        #expect(signed.contentSHA256 == signedRequest.value(of: "X-Amz-Content-SHA256"))
    }

    @Test("query signing (presigned URL)", arguments: caseNames)
    func querySigning(caseName: String) throws {
        let suiteCase = try Case(caseName)
        let presigned = try suiteCase.signer(forHeaderSigning: false).presign(
            method: suiteCase.request.method, url: suiteCase.request.url, headers: suiteCase.request.headers,
            body: suiteCase.request.body, credentials: suiteCase.credentials, date: suiteCase.date,
            expires: .seconds(suiteCase.expiresSeconds))
        #expect(presigned.canonicalRequest == (try suiteCase.expected("query-canonical-request.txt")))
        #expect(presigned.stringToSign == (try suiteCase.expected("query-string-to-sign.txt")))
        #expect(presigned.signature == (try suiteCase.expected("query-signature.txt")))

        // The suite's signed URL lists the same parameters in another order and keeps raw characters raw.
        let signedRequest = try RawRequest(suiteCase.expected("query-signed-request.txt"))
        let expectedURL = "https://" + (signedRequest.value(of: "Host") ?? "") + signedRequest.target
        #expect(URLParts(presigned.url) == URLParts(expectedURL))
    }
}

extension AWSSigningTestSuiteTests {
    /// The verifier accepts the suite's signed requests, header and presigned variants, at the suite's time.
    @Test("verifier accepts the signed requests", arguments: caseNames, ["header", "query"])
    func verifierAcceptsSignedRequest(caseName: String, variant: String) throws {
        let suiteCase = try Case(caseName)
        let signedRequest = try RawRequest(suiteCase.expected("\(variant)-signed-request.txt"))
        let credentials = suiteCase.credentials
        let verifier = SigV4Verifier(
            service: suiteCase.service, region: suiteCase.region,
            options: suiteCase.signer(forHeaderSigning: variant == "header").options
        ) { $0 == credentials.accessKeyId ? credentials : nil }
        let target = signedRequest.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let identity = try verifier.verify(
            method: signedRequest.method, path: String(target[0]), query: target.count > 1 ? String(target[1]) : "",
            headers: signedRequest.headers, body: signedRequest.body, now: suiteCase.date)
        #expect(identity.accessKeyId == credentials.accessKeyId)
    }
}

/// A URL reduced to what must match: everything before `?`, and the decoded query parameters as a multiset.
struct URLParts: Equatable {
    var base: String
    var parameters: [String]

    init(_ url: String) {
        let parts = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        base = String(parts[0]).removingPercentEncoding ?? String(parts[0])
        parameters = (parts.count > 1 ? parts[1].split(separator: "&") : []).map {
            String($0).removingPercentEncoding ?? String($0)
        }.sorted()
    }
}
