import AuroraSigV4
import Foundation
import Testing

/// The official SigV4 test suite, old format as shipped with botocore (`Fixtures/sigv4/botocore-aws4_testsuite`):
/// `.req` holds the request with its `X-Amz-Date` (and token) header; `.creq`, `.sts` and `.authz` hold the
/// canonical request, the string to sign and the `Authorization` value.
///
/// Unsupported cases: none (botocore's own runner skips four; this one runs them all).
@Suite("AWS SigV4 test suite (botocore old format)")
struct BotocoreTestSuiteTests {
    /// Case paths relative to the suite folder, e.g. `get-vanilla` or `normalize-path/get-slash`.
    static let caseNames: [String] = {
        let root = SigV4Fixtures.botocoreSuite
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".req") }.map {
            String($0.dropLast(".req".count).split(separator: "/").dropLast().joined(separator: "/"))
        }.sorted()
    }()

    @Test func suiteIsComplete() {
        #expect(Self.caseNames.count == 34)
    }

    @Test("old-format case", arguments: caseNames)
    func oldFormatCase(caseName: String) throws {
        let directory = SigV4Fixtures.botocoreSuite.appendingPathComponent(caseName)
        let name = directory.lastPathComponent
        func file(_ suffix: String) throws -> String {
            try SigV4Fixtures.text(directory.appendingPathComponent(name + suffix))
        }
        let raw = try RawRequest(file(".req"))
        let expectedCanonicalRequest = try file(".creq")
        // `.req` carries the signing time. The session token is in `.req` or only in the signed request `.sreq`
        // (`get-vanilla-with-session-token`, `post-sts-header-after`); `.creq` tells whether it is signed.
        // (The `.sreq` of `get-vanilla-with-session-token` holds get-vanilla's signature, so `.authz` is the
        // reference for the Authorization value.)
        let token = try raw.value(of: "X-Amz-Security-Token") ?? RawRequest(file(".sreq")).value(of: "X-Amz-Security-Token")
        let tokenAddedAfter = token != nil && !expectedCanonicalRequest.contains("\nx-amz-security-token:")
        #expect(raw.value(of: "X-Amz-Date") == "20150830T123600Z")
        let request = raw.removing("X-Amz-Date").removing("X-Amz-Security-Token")

        let signer = SigV4Signer(
            service: "service", region: "us-east-1", options: .init(omitSessionTokenFromSignature: tokenAddedAfter))
        let signed = try signer.sign(
            method: request.method, url: request.url, headers: request.headers, body: request.body,
            credentials: AWSCredentials(
                accessKeyId: SigV4Fixtures.accessKeyId, secretAccessKey: SigV4Fixtures.secretAccessKey,
                sessionToken: token),
            date: SigV4Fixtures.suiteDate)
        #expect(signed.canonicalRequest == expectedCanonicalRequest)
        #expect(signed.stringToSign == (try file(".sts")))
        #expect(signed.authorization == (try file(".authz")))
    }
}
