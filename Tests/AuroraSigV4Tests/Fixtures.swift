import AuroraSigV4
import Foundation

/// Locates `Fixtures/sigv4` from this file's path, so tests run from any working directory.
enum SigV4Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sigv4")
    static let awsCAuthSuite = root.appendingPathComponent("aws-c-auth-aws-signing-test-suite/v4")
    static let botocoreSuite = root.appendingPathComponent("botocore-aws4_testsuite")

    /// The suite's access key pair.
    static let accessKeyId = "AKIDEXAMPLE"
    static let secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    /// 2015-08-30T12:36:00Z, the suite's signing time.
    static let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)

    static func text(_ url: URL) throws -> String {
        try String(decoding: Data(contentsOf: url), as: UTF8.self)
    }

    /// Sub-directories (case names) of a suite folder, sorted.
    static func caseNames(in directory: URL, containing file: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).appendingPathComponent(file).path)
        }.sorted()
    }
}

/// A request as written in the suite's `request.txt` / `.req` files.
///
/// The request line is kept verbatim: the suite's `get-utf8`, `get-space-*` and `get-vanilla-utf8-query` put
/// raw `ሴ` or a space in it. They are passed to the signer unchanged as part of the URL (which accepts raw
/// bytes and encodes them once in the canonical form), because the expected canonical URI `/%E1%88%B4`
/// is the single encoding of the raw character: percent-encoding the line first would make a double-encoding
/// signer produce `/%25E1%2588%25B4`, which is what AWS computes for a wire path `/%E1%88%B4`.
struct RawRequest {
    var method: String
    var target: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(_ text: String) throws {
        var head = text
        var body = ""
        if let separator = text.range(of: "\n\n") {
            head = String(text[..<separator.lowerBound])
            body = String(text[separator.upperBound...])
        }
        var lines = head.components(separatedBy: "\n")
        let requestLine = lines.removeFirst()
        guard let firstSpace = requestLine.firstIndex(of: " "), let lastSpace = requestLine.lastIndex(of: " "),
            firstSpace < lastSpace
        else { throw FixtureError("bad request line '\(requestLine)'") }
        method = String(requestLine[..<firstSpace])
        target = String(requestLine[requestLine.index(after: firstSpace)..<lastSpace])
        headers = []
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line  // obs-fold continuation
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { throw FixtureError("bad header line '\(line)'") }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        self.body = Array(body.utf8)
    }

    var url: String {
        "https://" + (headers.first { $0.name.lowercased() == "host" }?.value ?? "") + target
    }

    func value(of name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    func removing(_ name: String) -> RawRequest {
        var copy = self
        copy.headers.removeAll { $0.name.lowercased() == name.lowercased() }
        return copy
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
