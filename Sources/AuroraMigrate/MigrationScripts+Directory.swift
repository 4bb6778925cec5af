#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension MigrationScripts {
    /// Reads and validates every script of `directory` (default layout: `scripts/schema`).
    /// Hidden files (`.gitkeep`, `.DS_Store`) are ignored; any other non-script entry is an error.
    public static func load(directory: String) throws(MigrationError) -> MigrationScripts {
        let manager = FileManager.default
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: directory)
        } catch {
            throw MigrationError(
                code: .directoryUnreadable,
                message: "Cannot read the scripts directory \(directory): \(error). Pass the right one with --dir.")
        }
        var entries: [(name: String, bytes: [UInt8])] = []
        for name in names where !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var isDirectory = false
            if manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory {
                throw MigrationError(
                    code: .strayFile,
                    message: "\(path) is a directory; \(directory) must hold only vN.sql scripts. Move it elsewhere.")
            }
            guard let data = manager.contents(atPath: path) else {
                throw MigrationError(code: .directoryUnreadable, message: "Cannot read \(path): check its permissions.")
            }
            entries.append((name, [UInt8](data)))
        }
        return try MigrationScripts(directory: directory, entries: entries)
    }
}
