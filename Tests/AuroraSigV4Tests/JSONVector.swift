import AuroraSigV4
import Foundation

/// A signing case in the JSON-lines format shared by `Fixtures/sigv4/suite-v4.jsonl`,
/// `Fixtures/sigv4/extra-vectors.jsonl` and `scripts/sigv4_differential.py`.
struct JSONVector: Decodable, Sendable {
    struct Input: Decodable, Sendable {
        var method: String
        var url: String
        var headers: [[String]]
        var body: String?
        var region: String
        var service: String
        var access_key: String
        var secret_key: String
        var session_token: String?
        var timestamp: String
        var presign_expires: Int64?
        var options: Options?
    }

    struct Options: Decodable, Sendable {
        var normalize_path: Bool?
        var double_uri_encode: Bool?
        var x_amz_content_sha256_header: Bool?
        var omit_session_token: Bool?
        var unsigned_payload: Bool?
    }

    struct Expected: Decodable, Sendable {
        var canonical_request: String?
        var string_to_sign: String?
        var signature: String
        var signed_headers: String?
        var authorization: String?
        var url: String?
    }

    var id: String
    var input: Input
    var expected: Expected

    /// What the Swift signer produced.
    struct Outcome {
        var canonicalRequest: String
        var stringToSign: String
        var signature: String
        var signedHeaders: String
        var authorization: String?
        var url: String?
    }

    static func load(_ file: URL) throws -> [JSONVector] {
        try SigV4Fixtures.text(file).split(separator: "\n").map {
            try JSONDecoder().decode(JSONVector.self, from: Data($0.utf8))
        }
    }

    func sign() throws -> Outcome {
        let options = input.options
        let signer = SigV4Signer(
            service: input.service, region: input.region,
            options: .init(
                doubleURIEncode: options?.double_uri_encode ?? true, normalizePath: options?.normalize_path ?? true,
                addContentSHA256Header: options?.x_amz_content_sha256_header ?? false,
                omitSessionTokenFromSignature: options?.omit_session_token ?? false,
                unsignedPayload: options?.unsigned_payload ?? false))
        let credentials = AWSCredentials(
            accessKeyId: input.access_key, secretAccessKey: input.secret_key, sessionToken: input.session_token)
        let headers = input.headers.map { (name: $0[0], value: $0[1]) }
        let body = [UInt8](Data(base64Encoded: input.body ?? "") ?? Data())
        let date = try Self.date(input.timestamp)
        if let expires = input.presign_expires {
            let presigned = try signer.presign(
                method: input.method, url: input.url, headers: headers, body: body, credentials: credentials,
                date: date, expires: .seconds(expires))
            return Outcome(
                canonicalRequest: presigned.canonicalRequest, stringToSign: presigned.stringToSign,
                signature: presigned.signature, signedHeaders: presigned.signedHeaders, url: presigned.url)
        }
        let signed = try signer.sign(
            method: input.method, url: input.url, headers: headers, body: body, credentials: credentials, date: date)
        return Outcome(
            canonicalRequest: signed.canonicalRequest, stringToSign: signed.stringToSign, signature: signed.signature,
            signedHeaders: signed.signedHeaders, authorization: signed.authorization)
    }

    /// Differences from `expected` (empty when everything matches); absent expected fields are not compared.
    func mismatches() throws -> [String] {
        let outcome = try sign()
        var problems: [String] = []
        func compare(_ field: String, _ actual: String?, _ expected: String?) {
            guard let expected, actual != expected else { return }
            problems.append("\(id) \(field):\n  expected \(expected.debugDescription)\n  actual   \((actual ?? "nil").debugDescription)")
        }
        compare("canonical request", outcome.canonicalRequest, expected.canonical_request)
        compare("string to sign", outcome.stringToSign, expected.string_to_sign)
        compare("signature", outcome.signature, expected.signature)
        compare("signed headers", outcome.signedHeaders, expected.signed_headers)
        compare("authorization", outcome.authorization, expected.authorization)
        if let expectedURL = expected.url, let url = outcome.url, URLParts(url) != URLParts(expectedURL) {
            problems.append("\(id) url:\n  expected \(expectedURL)\n  actual   \(url)")
        }
        return problems
    }

    /// `YYYYMMDDTHHMMSSZ` as a UTC date.
    static func date(_ timestamp: String) throws -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        guard let date = formatter.date(from: timestamp) else { throw FixtureError("bad timestamp \(timestamp)") }
        return date
    }
}
