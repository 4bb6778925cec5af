import AuroraSigV4
import Foundation
import Testing

/// A prepared request signs many requests of one shape; each signature is checked by the verifier, which builds its
/// canonical request from the received headers by the one-shot path, not by merging prepared lines.
@Suite("SigV4PreparedRequest")
struct SigV4PreparedRequestTests {
    static let longLived = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let temporary = AWSCredentials(
        accessKeyId: "ASIAEXAMPLE", secretAccessKey: "temporary-secret", sessionToken: "token  with\tspaces/+=")

    /// Names sorting before, between and after the headers the signer adds (`x-amz-content-sha256`, `x-amz-date`,
    /// `x-amz-security-token`), with a repeated name.
    static let headers: [(name: String, value: String)] = [
        ("Content-Type", "application/json"), ("X-Amz-Cz", "between"), ("x-amz-e", "after date"),
        ("Zeta", "last"), ("accept", "a"), ("Accept", "b"),
    ]

    @Test(arguments: [SigV4Signer.Options(), .s3])
    func everySignatureOfOnePreparedRequestVerifies(options: SigV4Signer.Options) throws {
        let signer = SigV4Signer(service: "rds-data", region: "us-east-1", options: options)
        let verifier = SigV4Verifier(service: "rds-data", region: "us-east-1", options: options) { accessKeyId in
            [Self.longLived, Self.temporary].first { $0.accessKeyId == accessKeyId }
        }
        let prepared = try signer.prepare(method: "POST", url: "http://127.0.0.1:8080/Execute?b=2&a=1", headers: Self.headers)
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        for (index, credentials) in [Self.longLived, Self.temporary, Self.longLived, Self.temporary].enumerated() {
            let body = Array(#"{"sql": "SELECT \#(index)"}"#.utf8)
            let date = start + Double(index * 3600)
            let signed = prepared.sign(body: body, credentials: credentials, date: date)
            let oneShot = try signer.sign(
                method: "POST", url: "http://127.0.0.1:8080/Execute?b=2&a=1", headers: Self.headers, body: body,
                credentials: credentials, date: date)
            #expect(signed == oneShot)
            #expect(signed.signedHeaders.split(separator: ";").map(String.init)
                == signed.signedHeaders.split(separator: ";").map(String.init).sorted())
            let identity = try verifier.verify(
                method: "POST", path: "/Execute", query: "b=2&a=1", headers: [("Host", "127.0.0.1:8080")] + Self.headers + signed.headers,
                body: body, now: date)
            #expect(identity.accessKeyId == credentials.accessKeyId)
        }
    }
}
