import AuroraMigrate
import Foundation
import Testing

@Suite("The next version's files (migrate new)")
struct MigrationScriptsNewTests {
    /// 2026-12-07 04:10:05 UTC.
    static let date = Date(timeIntervalSince1970: 1_796_616_605)

    private func load(_ files: [String: String]) throws -> MigrationScripts {
        try MigrationScripts(directory: "schema", entries: files.map { ($0.key, Array($0.value.utf8)) })
    }

    @Test func emptyDirectoryStartsAtVersionOne() throws {
        let files = try load([:]).newVersionFiles(name: "create posts", date: Self.date)
        #expect(files == [.init(fileName: "v1.sql", text: "-- v1: create posts\n-- created 2026-12-07 04:10:05 UTC\n\n")])
    }

    @Test func portableDirectoryGetsThePortableNextVersion() throws {
        let scripts = try load(["v1.sql": "SELECT 1;", "v2.postgresql.sql": "SELECT 2;", "v2.sql": "SELECT 2;"])
        let files = try scripts.newVersionFiles(name: "  add index  ", date: Self.date)
        #expect(files.map(\.fileName) == ["v3.sql"])
        #expect(files[0].text.hasPrefix("-- v3: add index\n"))
    }

    @Test func perEngineLatestVersionGetsOneFilePerEngine() throws {
        let scripts = try load(["v1.sql": "SELECT 1;", "v2.postgresql.sql": "SELECT 2;", "v2.mysql.sql": "SELECT 2;"])
        let files = try scripts.newVersionFiles(name: "users", date: Self.date)
        #expect(files.map(\.fileName) == ["v3.postgresql.sql", "v3.mysql.sql"])
        #expect(files[1].text == "-- v3 (mysql): users\n-- created 2026-12-07 04:10:05 UTC\n\n")
        let forced = try load(["v1.sql": "SELECT 1;"]).newVersionFiles(name: "users", date: Self.date, perEngine: true)
        #expect(forced.map(\.fileName) == ["v2.postgresql.sql", "v2.mysql.sql"])
    }

    @Test func newFilesLoadAsTheNextPendingVersion() throws {
        let scripts = try load(["v1.sql": "SELECT 1;"])
        let files = try scripts.newVersionFiles(name: "next", date: Self.date)
        let reloaded = try load(Dictionary(uniqueKeysWithValues: [("v1.sql", "SELECT 1;")] + files.map { ($0.fileName, $0.text) }))
        #expect(reloaded.latestVersion == 2)
    }

    @Test(arguments: ["", "   ", "two\nlines", "tab\tcontrol"])
    func refusesBlankOrMultiLineNames(_ name: String) throws {
        #expect(throws: MigrationError.self) { try load([:]).newVersionFiles(name: name, date: Self.date) }
    }

    @Test func datesBeforeTheEpochAndAtDayBoundaries() throws {
        let text = { (seconds: Double) in
            try self.load([:]).newVersionFiles(name: "x", date: Date(timeIntervalSince1970: seconds))[0].text
        }
        #expect(try text(0).contains("1970-01-01 00:00:00 UTC"))
        #expect(try text(-1).contains("1969-12-31 23:59:59 UTC"))
        #expect(try text(86_399.9).contains("1970-01-01 23:59:59 UTC"))
    }
}
