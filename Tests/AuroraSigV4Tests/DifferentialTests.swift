import AuroraSigV4
import AuroraTestSupport
import Foundation
import Testing

/// Signs a few hundred random requests generated (with a fixed seed) and signed by botocore through
/// `scripts/sigv4_differential.py`, and requires the same canonical request and signature for each.
///
/// Skipped only when python3 with botocore is not installed (CI installs both).
@Suite("SigV4 differential against botocore")
struct DifferentialTests {
    static let script = SigV4Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/sigv4_differential.py")
    static let seed = 20_251_123
    static let count = 300

    /// True when `python3 -c 'import botocore'` succeeds.
    static let botocoreAvailable: Bool = {
        (try? run(["-c", "import botocore"]))?.status == 0
    }()

    static func run(_ arguments: [String]) throws -> (status: Int32, output: Data, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, data, errorText)
    }

    @Test(
        "random requests agree with botocore",
        .enabled(if: botocoreAvailable, "python3 with botocore is not installed (pip install botocore)"))
    func agreesWithBotocore() async throws {
        let arguments = [Self.script.path, "--seed", String(Self.seed), "--count", String(Self.count)]
        let result = try await offPool { try Self.run(arguments) }
        try #require(result.status == 0, "sigv4_differential.py failed: \(result.errors)")
        let vectors = try String(decoding: result.output, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(JSONVector.self, from: Data($0.utf8))
        }
        #expect(vectors.count == Self.count)
        var failures: [String] = []
        for vector in vectors {
            failures += try vector.mismatches()
        }
        #expect(failures.isEmpty, "\(failures.count) mismatches, first ones:\n\(failures.prefix(5).joined(separator: "\n"))")
    }
}
