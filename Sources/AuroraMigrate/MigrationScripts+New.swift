#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPIModel

extension MigrationScripts {
    /// A file `migrate new` writes: its name in the scripts directory and its first text.
    public struct NewFile: Sendable, Hashable {
        /// The file's name in the scripts directory, e.g. `v5.sql` or `v5.postgresql.sql`.
        public var fileName: String
        /// The file's first text: a header comment naming the version, its name and the UTC date.
        public var text: String

        /// A file from its name and text.
        public init(fileName: String, text: String) {
            self.fileName = fileName
            self.text = text
        }
    }

    /// The files of the next version, `latestVersion + 1`, each starting with a header comment naming `name` and
    /// the UTC `date`.
    ///
    /// One portable `vN.sql`, unless the directory's latest version is written per engine (only
    /// `vN.postgresql.sql` / `vN.mysql.sql`) or `perEngine` asks for it: then one file per engine, as the
    /// validation of ``init(directory:entries:)`` needs a script of every version for every engine.
    /// - Throws: ``MigrationError`` (`InvalidScript`) when `name` is blank or holds a line break or a control
    ///   character.
    public func newVersionFiles(name: String, date: Date, perEngine: Bool = false) throws(MigrationError) -> [NewFile] {
        let trimmed = String(name.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard !trimmed.isEmpty, !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw MigrationError(
                code: .invalidScript,
                message: "The migration name must be one line of text, e.g. migrate new \"add users table\".")
        }
        let version = latestVersion + 1
        let latestIsPerEngine = latestVersion > 0 && !files.contains { $0.version == latestVersion && $0.engine == nil }
        let stamp = Self.utcStamp(date)
        guard perEngine || latestIsPerEngine else {
            return [NewFile(fileName: "v\(version).sql", text: "-- v\(version): \(trimmed)\n-- created \(stamp)\n\n")]
        }
        return MigrationEngine.allCases.map { engine in
            NewFile(
                fileName: "v\(version).\(engine.rawValue).sql",
                text: "-- v\(version) (\(engine.rawValue)): \(trimmed)\n-- created \(stamp)\n\n")
        }
    }

    /// `2026-12-07 04:10:05 UTC`.
    static func utcStamp(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = DataAPIDateTime.civilFromDays(days)
        let inDay = seconds - days * 86_400
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day)) \(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60)) UTC"
    }
}
