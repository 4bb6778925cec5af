import AuroraSigV4
import Foundation
import Testing

/// The JSON-lines vectors in `Fixtures/sigv4`: the aws-c-auth v4 suite converted to one line per case and
/// variant (`suite-v4.jsonl`, expected values from the suite files), and hand-picked extras
/// (`extra-vectors.jsonl`: smithy-rs double-encoding cases, the AWS S3 documentation examples, rds-data
/// golden vectors on which botocore and aws-c-auth agree).
@Suite("SigV4 JSON vectors")
struct JSONVectorTests {
    static let suite = (try? JSONVector.load(SigV4Fixtures.root.appendingPathComponent("suite-v4.jsonl"))) ?? []
    static let extras = (try? JSONVector.load(SigV4Fixtures.root.appendingPathComponent("extra-vectors.jsonl"))) ?? []

    @Test func vectorFilesLoad() {
        #expect(Self.suite.count == 76)
        #expect(Self.extras.count == 12)
    }

    @Test("suite-v4.jsonl", arguments: suite.map(\.id))
    func suiteVector(id: String) throws {
        let vector = try #require(Self.suite.first { $0.id == id })
        let problems = try vector.mismatches()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("extra-vectors.jsonl", arguments: extras.map(\.id))
    func extraVector(id: String) throws {
        let vector = try #require(Self.extras.first { $0.id == id })
        let problems = try vector.mismatches()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
