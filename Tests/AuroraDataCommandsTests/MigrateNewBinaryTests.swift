import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import Foundation
import Testing

/// `aurora-data migrate new` writes the next version; `migrate status` on the local endpoint shows it pending.
@Suite("aurora-data migrate new, end to end")
struct MigrateNewBinaryTests {
    @Test("new writes v1.sql then v2.sql with a header, prints the paths, and status shows both pending",
          arguments: [DatabaseEngine.postgresql, .mysql])
    func newThenStatus(_ engine: DatabaseEngine) async throws {
        let harness = try await MigrateBinaryTests.Harness(engine)
        defer { harness.removeDirectory() }
        let nested = harness.dir.appendingPathComponent("schema")
        let before = Date()

        let first = try await ExecBinaryTests.run(["migrate", "new", "create posts", "--dir", nested.path], endpoint: nil)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == nested.path + "/v1.sql\n")
        let text = try String(contentsOf: nested.appendingPathComponent("v1.sql"), encoding: .utf8)
        #expect(text.hasPrefix("-- v1: create posts\n-- created "), "\(text)")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        #expect(text.contains(formatter.string(from: before)) || text.contains(formatter.string(from: Date())), "\(text)")

        try "CREATE TABLE posts (id INT PRIMARY KEY);\n".write(
            to: nested.appendingPathComponent("v1.sql"), atomically: true, encoding: .utf8)
        let second = try await ExecBinaryTests.run(["migrate", "new", "add title", "--dir", nested.path + "/"], endpoint: nil)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == nested.path + "/v2.sql\n")

        let status = try await ExecBinaryTests.run(
            ["migrate", "status", "--dir", nested.path, "--database", harness.database], endpoint: harness.endpoint.url,
            environment: harness.environment)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("v1 v1.sql pending"), "\(status.stdout)")
        #expect(status.stdout.contains("v2 v2.sql pending"), "\(status.stdout)")

        // The comment-only version applies as a version of zero statements.
        let apply = try await ExecBinaryTests.run(
            ["migrate", "--dir", nested.path, "--database", harness.database], endpoint: harness.endpoint.url,
            environment: harness.environment)
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("Applied v1, v2"), "\(apply.stdout)")
    }

    @Test("a per-engine latest version gets one file per engine; a bad directory or name writes nothing")
    func perEngineAndRefusals() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-new-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["v1.postgresql.sql", "v1.mysql.sql"] {
            try "SELECT 1;\n".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let run = try await ExecBinaryTests.run(["migrate", "new", "users", "--dir", dir.path], endpoint: nil)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "\(dir.path)/v2.postgresql.sql\n\(dir.path)/v2.mysql.sql\n")

        let blank = try await ExecBinaryTests.run(["migrate", "new", " ", "--dir", dir.path], endpoint: nil)
        #expect(blank.status != 0)
        #expect(blank.stderr.contains("one line of text"), "\(blank.stderr)")

        // v3 for one engine only: the directory is invalid, so nothing is written.
        try "SELECT 3;\n".write(to: dir.appendingPathComponent("v3.mysql.sql"), atomically: true, encoding: .utf8)
        let invalid = try await ExecBinaryTests.run(["migrate", "new", "more", "--dir", dir.path], endpoint: nil)
        #expect(invalid.status != 0)
        #expect(invalid.stderr.contains("no script of version 3 for postgresql"), "\(invalid.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["v1.mysql.sql", "v1.postgresql.sql", "v2.mysql.sql", "v2.postgresql.sql", "v3.mysql.sql"])
    }
}
