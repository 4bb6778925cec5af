import AuroraSigV4
import Foundation
import Testing

@Suite("SigV4Signer behaviour")
struct SigV4SignerTests {
    static let credentials = AWSCredentials(
        accessKeyId: SigV4Fixtures.accessKeyId, secretAccessKey: SigV4Fixtures.secretAccessKey)
    let signer = SigV4Signer(service: "rds-data", region: "us-east-1")

    func sign(
        _ url: String, headers: [(name: String, value: String)] = [], method: String = "GET",
        date: Date = SigV4Fixtures.suiteDate, signer: SigV4Signer? = nil
    ) throws(SigV4Error) -> SigV4SignedHeaders {
        try (signer ?? self.signer).sign(
            method: method, url: url, headers: headers, credentials: Self.credentials, date: date)
    }

    func canonicalLines(_ url: String, headers: [(name: String, value: String)] = []) throws -> [Substring] {
        try sign(url, headers: headers).canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
    }

    @Test("amz date from epoch seconds", arguments: [
        (0.0, "19700101T000000Z"),
        (-1.0, "19691231T235959Z"),
        (951_782_400.0, "20000229T000000Z"),
        (1_440_938_160.9, "20150830T123600Z"),
        (1_709_251_199.0, "20240229T235959Z"),
        (1_709_251_200.0, "20240301T000000Z"),
        (4_102_444_799.0, "20991231T235959Z"),
        (253_402_300_799.0, "99991231T235959Z"),
    ])
    func amzDate(seconds: Double, expected: String) throws {
        let signed = try sign("https://rds-data.us-east-1.amazonaws.com/", date: Date(timeIntervalSince1970: seconds))
        #expect(signed.amzDate == expected)
        #expect(signed.stringToSign.contains("\n\(expected.prefix(8))/us-east-1/rds-data/aws4_request\n"))
    }

    @Test("host derived from the URL", arguments: [
        ("https://RDS-Data.US-East-1.amazonaws.com/Execute", "rds-data.us-east-1.amazonaws.com"),
        ("https://rds-data.us-east-1.amazonaws.com:443/Execute", "rds-data.us-east-1.amazonaws.com"),
        ("http://localhost:80/Execute", "localhost"),
        ("http://127.0.0.1:8080/Execute", "127.0.0.1:8080"),
        ("https://localhost:80/", "localhost:80"),
        ("http://user:pass@example.com:8443/", "example.com:8443"),
        ("http://[::1]:8080/Execute", "[::1]:8080"),
        ("https://[2001:db8::1]/", "[2001:db8::1]"),
        ("https://example.com?x=1", "example.com"),
        ("http://LocalHost:8080/", "localhost:8080"),
        ("http://localhost:08080/", "localhost:8080"),
        ("http://localhost:080/", "localhost"),
        ("https://Example.COM:0443/", "example.com"),
    ])
    func hostFromURL(url: String, host: String) throws {
        #expect(try canonicalLines(url).contains("host:\(host)"))
    }

    @Test func explicitHostHeaderWins() throws {
        let lines = try canonicalLines("http://127.0.0.1:8080/Execute", headers: [("Host", "db.internal:9000")])
        #expect(lines.contains("host:db.internal:9000"))
        #expect(lines.filter { $0.hasPrefix("host:") }.count == 1)
    }

    @Test func emptyPathIsSlashAndFragmentIsDropped() throws {
        let lines = try canonicalLines("https://example.com#fragment")
        #expect(lines[1] == "/")
        #expect(lines[2] == "")
        #expect(try canonicalLines("https://example.com/a?b=1#c=2")[2] == "b=1")
    }

    @Test func doubleEncodesTheWirePath() throws {
        let lines = try canonicalLines("https://example.com/test/@connections/abc%3D/%E1%88%B4/a:b")
        #expect(lines[1] == "/test/%40connections/abc%253D/%25E1%2588%25B4/a%3Ab")
    }

    @Test func s3StyleSingleEncodingWithoutNormalization() throws {
        let s3 = SigV4Signer(service: "s3", region: "us-east-1", options: .s3)
        let signed = try sign("https://bucket.s3.amazonaws.com/a/./b//c%2Fd/e f$", signer: s3)
        let lines = signed.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "/a/./b//c%2Fd/e%20f%24")
        #expect(signed.signedHeaders == "host;x-amz-content-sha256;x-amz-date")
        #expect(signed.contentSHA256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("path normalization", arguments: [
        ("/a/b/../c/./d", "/a/c/d"),
        ("/a/b/.", "/a/b"),
        ("/a/b/..", "/a"),
        ("/a/b/../", "/a/"),
        ("//a//b//", "/a/b/"),
        ("/..", "/"),
        ("/../../a", "/a"),
        ("/.well-known/x", "/.well-known/x"),
        ("/%2E%2E/a", "/%252E%252E/a"),
    ])
    func normalization(path: String, canonical: String) throws {
        #expect(try canonicalLines("https://example.com" + path)[1] == Substring(canonical))
    }

    @Test("query canonicalization", arguments: [
        ("b=2&a=1", "a=1&b=2"),
        ("a=2&a=1&a=10", "a=1&a=10&a=2"),
        ("flag&a=", "a=&flag="),
        ("%7e=%7E&~=x", "~=x&~=~"),
        ("a=b%2fc&A=1", "A=1&a=b%2Fc"),
        ("a=1&&b=2&", "a=1&b=2"),
        ("=v&k", "=v&k="),
        ("ሴ=bar&Param=1", "%E1%88%B4=bar&Param=1"),
        ("a=%zz&b=%4", "a=%25zz&b=%254"),
        ("q=a%20b&r=a+b", "q=a%20b&r=a%2Bb"),
    ])
    func queryCanonicalization(query: String, canonical: String) throws {
        #expect(try canonicalLines("https://example.com/?" + query)[2] == Substring(canonical))
    }

    @Test func headerCanonicalization() throws {
        let signed = try sign(
            "https://example.com/",
            headers: [
                ("X-Custom", "  a   b\t\tc  "), ("x-custom", "second"), ("X-Folded", "line1\r\n   line2"),
                ("X-Empty", ""), ("X-CUSTOM", "\"quoted   value\""),
            ])
        let lines = signed.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains("x-custom:a b c,second,\"quoted value\""))
        #expect(lines.contains("x-folded:line1 line2"))
        #expect(lines.contains("x-empty:"))
        #expect(signed.signedHeaders == "host;x-amz-date;x-custom;x-empty;x-folded")
    }

    @Test func headersThatAreNotSigned() throws {
        let signed = try sign(
            "https://example.com/",
            headers: [
                ("User-Agent", "aurora-data"), ("Connection", "keep-alive"), ("X-Amzn-Trace-Id", "Root=1"),
                ("Transfer-Encoding", "chunked"), ("Expect", "100-continue"), ("Authorization", "stale"),
                ("X-Amz-Date", "20000101T000000Z"), ("X-Amz-Security-Token", "stale"), ("Content-Type", "a/b"),
            ])
        #expect(signed.signedHeaders == "content-type;host;x-amz-date")
        #expect(signed.amzDate == "20150830T123600Z")
        #expect(!signed.canonicalRequest.contains("stale"))
    }

    @Test func sessionTokenSignedOrAddedAfter() throws {
        let temporary = AWSCredentials(accessKeyId: "ASIA", secretAccessKey: "secret", sessionToken: "tok+/=")
        let signed = try signer.sign(
            method: "POST", url: "https://rds-data.us-east-1.amazonaws.com/Execute", credentials: temporary,
            date: SigV4Fixtures.suiteDate)
        #expect(signed.signedHeaders == "host;x-amz-date;x-amz-security-token")
        #expect(signed.canonicalRequest.contains("\nx-amz-security-token:tok+/=\n"))
        #expect(signed.headers.map(\.name) == ["X-Amz-Date", "X-Amz-Security-Token", "Authorization"])

        let after = SigV4Signer(
            service: "rds-data", region: "us-east-1", options: .init(omitSessionTokenFromSignature: true))
        let unsigned = try after.sign(
            method: "POST", url: "https://rds-data.us-east-1.amazonaws.com/Execute", credentials: temporary,
            date: SigV4Fixtures.suiteDate)
        #expect(unsigned.signedHeaders == "host;x-amz-date")
        #expect(unsigned.securityToken == "tok+/=")
    }

    @Test func payloadHashFromContentSHA256Header() throws {
        let signed = try sign("https://example.com/", headers: [("X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD")])
        #expect(signed.canonicalRequest.hasSuffix("\nUNSIGNED-PAYLOAD"))
        #expect(signed.signedHeaders == "host;x-amz-content-sha256;x-amz-date")
    }

    @Test func bodyIsHashed() throws {
        let signed = try signer.sign(
            method: "POST", url: "https://example.com/", body: Array("Param1=value1".utf8),
            credentials: Self.credentials, date: SigV4Fixtures.suiteDate)
        #expect(signed.canonicalRequest.hasSuffix("\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"))
    }

    @Test("invalid URLs", arguments: [
        "rds-data.us-east-1.amazonaws.com/Execute", "/Execute", "https:///Execute", "https://host:abc/",
        "https://host:99999/", "https://[::1/", "://host/", "",
    ])
    func invalidURL(url: String) {
        #expect(throws: SigV4Error.self) { try sign(url) }
        do {
            _ = try sign(url)
        } catch {
            #expect(error.code == .invalidURL)
            #expect(error.message.contains("'\(url)'"))
        }
    }

    @Test("invalid header names", arguments: ["", "Bad Header", "Bad:Header", "Bad\nHeader", "Ünicode"])
    func invalidHeaderName(name: String) {
        do {
            _ = try sign("https://example.com/", headers: [(name, "v")])
            Issue.record("signed a request with header name \(name.debugDescription)")
        } catch {
            #expect(error.code == .invalidHeader)
        }
    }

    @Test("presigned URL lifetime limits", arguments: [0, -5, 604_801])
    func invalidExpiration(seconds: Int64) {
        do {
            _ = try signer.presign(
                method: "GET", url: "https://example.com/", credentials: Self.credentials,
                date: SigV4Fixtures.suiteDate, expires: .seconds(seconds))
            Issue.record("presigned with expires \(seconds)")
        } catch {
            #expect(error.code == .invalidExpiration)
        }
    }

    @Test func presignedURLKeepsPathAndAddsSignature() throws {
        let presigned = try signer.presign(
            method: "GET", url: "https://rds-data.us-east-1.amazonaws.com/Execute?b=2&a=%E1%88%B4#frag",
            credentials: Self.credentials, date: SigV4Fixtures.suiteDate, expires: .seconds(604_800))
        #expect(presigned.url.hasPrefix("https://rds-data.us-east-1.amazonaws.com/Execute?X-Amz-Algorithm=AWS4-HMAC-SHA256&"))
        #expect(presigned.url.hasSuffix("&X-Amz-Signature=" + presigned.signature))
        #expect(presigned.url.contains("&X-Amz-Expires=604800&"))
        #expect(presigned.url.contains("&a=%E1%88%B4&b=2"))
        #expect(!presigned.url.contains("frag"))
        #expect(presigned.signedHeaders == "host")
    }

    /// Many threads signing with different secrets and days get the same signatures as a fresh signer each.
    @Test func keyCacheIsConsistentUnderConcurrency() async throws {
        let shared = SigV4Signer(service: "rds-data", region: "us-east-1")
        let inputs = (0..<200).map { index in
            (
                AWSCredentials(accessKeyId: "AKID\(index % 7)", secretAccessKey: "secret-\(index % 7)"),
                Date(timeIntervalSince1970: 1_440_938_160 + Double(index % 5) * 86_400)
            )
        }
        func signature(_ signer: SigV4Signer, _ input: (AWSCredentials, Date)) throws -> String {
            try signer.sign(
                method: "POST", url: "https://rds-data.us-east-1.amazonaws.com/Execute", credentials: input.0,
                date: input.1
            ).signature
        }
        let expected = try inputs.map { try signature(SigV4Signer(service: "rds-data", region: "us-east-1"), $0) }
        let actual = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (index, input) in inputs.enumerated() {
                group.addTask { (index, try signature(shared, input)) }
            }
            var results = [String](repeating: "", count: inputs.count)
            for try await (index, value) in group { results[index] = value }
            return results
        }
        #expect(actual == expected)
        #expect(Set(expected).count == 35)
    }

    @Test func credentialsDescriptionHidesSecrets() {
        let temporary = AWSCredentials(accessKeyId: "ASIA", secretAccessKey: "s3cr3t", sessionToken: "t0k3n")
        #expect(!"\(temporary)".contains("s3cr3t"))
        #expect(!"\(temporary)".contains("t0k3n"))
    }
}

extension SigV4SignerTests {
    @Test func applyReplacesHeadersOfAnEarlierSigning() throws {
        let temporary = AWSCredentials(accessKeyId: "ASIA", secretAccessKey: "secret", sessionToken: "token")
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        let first = try signer.sign(
            method: "POST", url: "https://rds-data.us-east-1.amazonaws.com/Execute", headers: headers,
            credentials: temporary, date: SigV4Fixtures.suiteDate)
        first.apply(to: &headers)
        // A retry a minute later with long-lived credentials: no stale token, date or signature may remain.
        let second = try signer.sign(
            method: "POST", url: "https://rds-data.us-east-1.amazonaws.com/Execute", headers: headers,
            credentials: Self.credentials, date: SigV4Fixtures.suiteDate.addingTimeInterval(60))
        second.apply(to: &headers)
        #expect(headers.map(\.name) == ["Content-Type", "X-Amz-Date", "Authorization"])
        #expect(headers[1].value == "20150830T123700Z")
        #expect(headers[2].value == second.authorization)
        #expect(second.signedHeaders == "content-type;host;x-amz-date")
    }
}
