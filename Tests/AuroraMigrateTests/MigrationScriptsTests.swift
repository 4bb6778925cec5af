import AuroraMigrate
import Foundation
import Testing

@Suite("Script discovery, checksums and the scripts hash")
struct MigrationScriptsTests {
    private func load(_ files: [String: String]) throws(MigrationError) -> MigrationScripts {
        try MigrationScripts(directory: "schema", entries: files.map { ($0.key, Array($0.value.utf8)) })
    }

    private func error(_ files: [String: String]) -> MigrationError? {
        do {
            _ = try load(files)
            return nil
        } catch {
            return error
        }
    }

    @Test func ordersVersionsNumerically() throws {
        var files: [String: String] = [:]
        for version in 1...11 { files["v\(version).sql"] = "SELECT \(version);" }
        let scripts = try load(files)
        #expect(scripts.latestVersion == 11)
        #expect(scripts.scripts(for: .postgresql).map(\.fileName) == (1...11).map { "v\($0).sql" })
    }

    @Test func engineFileReplacesThePortableOne() throws {
        let scripts = try load([
            "v1.sql": "CREATE TABLE a (id INT);", "v1.postgresql.sql": "CREATE TABLE a (id BIGINT);",
            "v2.postgresql.sql": "SELECT 1;", "v2.mysql.sql": "SELECT 2;",
        ])
        #expect(scripts.script(version: 1, engine: .postgresql)?.fileName == "v1.postgresql.sql")
        #expect(scripts.script(version: 1, engine: .mysql)?.fileName == "v1.sql")
        #expect(scripts.script(version: 2, engine: .mysql)?.fileName == "v2.mysql.sql")
    }

    @Test func gapIsAnErrorNamingTheVersion() {
        let failure = error(["v1.sql": "SELECT 1;", "v3.sql": "SELECT 3;"])
        #expect(failure?.code == .versionGap)
        #expect(failure?.message.contains("version 2") == true)
        #expect(failure?.message.contains("v3.sql") == true)
    }

    @Test func duplicateVersionNamesBothFiles() {
        let failure = error(["v1.sql": "SELECT 1;", "v01.sql": "SELECT 1;"])
        #expect(failure?.code == .duplicateVersion)
        #expect(failure?.message.contains("v1.sql") == true)
        #expect(failure?.message.contains("v01.sql") == true)
    }

    @Test(arguments: ["notes.txt", "V1.sql", "v1.sqlite.sql", "v0.sql", "v.sql", "v1a.sql", "v1.sql.bak"])
    func strayFileIsNamed(_ name: String) {
        let failure = error(["v1.sql": "SELECT 1;", name: "x"])
        #expect(failure?.code == .strayFile)
        #expect(failure?.message.contains(name) == true)
    }

    @Test func engineOnlyVersionNeedsTheOtherEngine() {
        let failure = error(["v1.sql": "SELECT 1;", "v2.mysql.sql": "SELECT 2;"])
        #expect(failure?.code == .versionGap)
        #expect(failure?.message.contains("postgresql") == true)
    }

    @Test func notUTF8IsRefused() throws {
        #expect {
            _ = try MigrationScripts(directory: "schema", entries: [("v1.sql", [0x53, 0xFF, 0xFE])])
        } throws: { ($0 as? MigrationError)?.code == .invalidScript }
    }

    @Test func checksumIgnoresCRLFAndBOM() throws {
        let plain = try load(["v1.sql": "CREATE TABLE a (id INT);\nSELECT 1;\n"])
        let windows = try load(["v1.sql": "\u{FEFF}CREATE TABLE a (id INT);\r\nSELECT 1;\r\n"])
        let edited = try load(["v1.sql": "CREATE TABLE a (id BIGINT);\nSELECT 1;\n"])
        #expect(plain.files[0].checksum == windows.files[0].checksum)
        #expect(plain.files[0].checksum != edited.files[0].checksum)
        #expect(plain.files[0].checksum.count == 64)
        #expect(plain.hash == windows.hash)
    }

    @Test func hashChangesWithAnyFileNameOrText() throws {
        let base = try load(["v1.sql": "SELECT 1;", "v2.sql": "SELECT 2;"]).hash
        #expect(try load(["v1.sql": "SELECT 1;", "v2.sql": "SELECT 3;"]).hash != base)
        #expect(try load(["v1.sql": "SELECT 1;", "v2.sql": "SELECT 2;", "v3.sql": "SELECT 3;"]).hash != base)
        #expect(try load(["v1.sql": "SELECT 1;", "v2.sql": "SELECT 2;", "v2.mysql.sql": "SELECT 2;"]).hash != base)
        #expect(try load(["v1.sql": "SELECT 1;", "v2.sql": "SELECT 2;"]).hash == base)
    }

    @Test func loadsTheExampleSchemaFromDisk() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../scripts/schema").standardized.path
        let scripts = try MigrationScripts.load(directory: directory)
        #expect(scripts.latestVersion >= 4)
    }

    @Test func missingDirectoryIsAClearError() {
        #expect(throws: MigrationError.self) { try MigrationScripts.load(directory: "/nonexistent/schema") }
    }

    @Test func hiddenFilesAreIgnoredAndDirectoriesRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "SELECT 1;".write(to: directory.appendingPathComponent("v1.sql"), atomically: true, encoding: .utf8)
        try "".write(to: directory.appendingPathComponent(".gitkeep"), atomically: true, encoding: .utf8)
        #expect(try MigrationScripts.load(directory: directory.path).latestVersion == 1)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("old"), withIntermediateDirectories: true)
        #expect(throws: MigrationError.self) { try MigrationScripts.load(directory: directory.path) }
    }

    @Test(arguments: [
        ("PostgreSQL 15.18 (Debian 15.18-0+deb12u1) on x86_64-pc-linux-gnu", MigrationEngine.postgresql),
        ("8.0.36", .mysql), ("10.11.19-MariaDB-0+deb12u1", .mysql),
    ])
    func engineFromVersion(_ text: String, _ engine: MigrationEngine) {
        #expect(MigrationEngine(versionString: text) == engine)
    }
}
