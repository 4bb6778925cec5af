#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import AuroraMigrate

/// `aurora-data migrate new NAME`: writes the next version's script (`vN+1.sql`, or one per engine) with a header
/// comment, prints its path, and never overwrites a file.
struct MigrateNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write the next version's script, vN+1.sql, with a header naming it; print its path.",
        discussion: """
            When the latest version is written per engine (vN.postgresql.sql and vN.mysql.sql), or with \
            --per-engine, one file per engine is written. An existing file is never overwritten. \
            The directory is created when missing.
            """)

    @Argument(help: "What the version does, e.g. \"add users table\" (one line).")
    var name: String

    @Option(help: "Directory of the scripts v1.sql, v2.sql, ... (vN.postgresql.sql / vN.mysql.sql for one engine).")
    var dir = "scripts/schema"

    @Flag(help: "Write vN+1.postgresql.sql and vN+1.mysql.sql instead of one portable vN+1.sql.")
    var perEngine = false

    func run() throws {
        for path in try Self.writeNextVersion(name: name, directory: dir, perEngine: perEngine, now: Date()) { print(path) }
    }

    /// Writes the files of the next version into `directory` and returns their paths.
    /// - Parameter now: the clock, for the header's date.
    static func writeNextVersion(name: String, directory: String, perEngine: Bool, now: Date) throws -> [String] {
        let manager = FileManager.default
        if !manager.fileExists(atPath: directory) {
            do {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw MigrationError(
                    code: .directoryUnreadable, message: "Cannot create the scripts directory \(directory): \(error).")
            }
        }
        let files = try MigrationScripts.load(directory: directory).newVersionFiles(
            name: name, date: now, perEngine: perEngine)
        let paths = files.map { directory.hasSuffix("/") ? directory + $0.fileName : directory + "/" + $0.fileName }
        if let existing = paths.first(where: { manager.fileExists(atPath: $0) }) {
            throw MigrationError(code: .duplicateVersion, message: "\(existing) exists already; it is left as it is.")
        }
        for (file, path) in zip(files, paths) { try createExclusively(path: path, text: file.text) }
        return paths
    }

    /// Creates `path` with `text`; fails rather than replace a file that appeared meanwhile.
    private static func createExclusively(path: String, text: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw MigrationError(code: .directoryUnreadable, message: "Cannot create \(path): \(reason); nothing was overwritten.")
        }
        defer { close(descriptor) }
        guard StandardError.writeAll(text, to: descriptor) else {
            throw MigrationError(code: .directoryUnreadable, message: "Cannot write \(path): \(String(cString: strerror(errno))).")
        }
    }
}
