import AuroraSQL

/// The validated set of script files of one schema directory: versions 1...N without gaps, each with a portable
/// `vN.sql` or an engine-specific file for every engine.
public struct MigrationScripts: Sendable, Hashable {
    /// Every file, ordered by version, then file name.
    public let files: [MigrationScriptFile]
    /// The highest version (0 when the directory has no scripts).
    public let latestVersion: Int

    /// Validates a list of files read from a directory (name and raw bytes).
    /// - Throws: ``MigrationError`` naming the offending file: stray name, duplicate version, gap, missing engine
    ///   variant, or text that is not UTF-8.
    public init(directory: String, entries: [(name: String, bytes: [UInt8])]) throws(MigrationError) {
        var parsed: [MigrationScriptFile] = []
        for entry in entries.sorted(by: { $0.name < $1.name }) {
            guard let (version, engine) = MigrationScriptFile.parseName(entry.name) else {
                throw MigrationError(
                    code: .strayFile,
                    message: "\(directory)/\(entry.name) is not a migration script. Name scripts v1.sql, v2.sql, ... "
                        + "(or vN.postgresql.sql / vN.mysql.sql for one engine), or move the file out of \(directory)."
                )
            }
            guard let text = String(validating: entry.bytes, as: UTF8.self) else {
                throw MigrationError(
                    code: .invalidScript, message: "\(directory)/\(entry.name) is not UTF-8 text. Save it as UTF-8.")
            }
            let file = MigrationScriptFile(
                version: version, fileName: entry.name, engine: engine, text: SQLScriptText.normalized(text))
            if let other = parsed.first(where: { $0.version == version && $0.engine == engine }) {
                throw MigrationError(
                    code: .duplicateVersion,
                    message: "\(directory)/\(entry.name) and \(directory)/\(other.fileName) both define version "
                        + "\(version)\(engine.map { " for \($0.rawValue)" } ?? ""). Keep one of them.")
            }
            parsed.append(file)
        }
        parsed.sort { ($0.version, $0.fileName) < ($1.version, $1.fileName) }
        let latest = parsed.last?.version ?? 0
        for version in 1..<(latest + 1) {
            let variants = parsed.filter { $0.version == version }
            guard !variants.isEmpty else {
                let next = parsed.first { $0.version > version }
                throw MigrationError(
                    code: .versionGap,
                    message: "\(directory) has no script for version \(version) but has \(next?.fileName ?? "later versions"). "
                        + "Versions must be 1, 2, 3, ... without gaps: add v\(version).sql or renumber the later files.")
            }
            if !variants.contains(where: { $0.engine == nil }) {
                for engine in MigrationEngine.allCases where !variants.contains(where: { $0.engine == engine }) {
                    throw MigrationError(
                        code: .versionGap,
                        message: "\(directory) has \(variants.map(\.fileName).joined(separator: ", ")) but no script of "
                            + "version \(version) for \(engine.rawValue). Add v\(version).sql (portable) or "
                            + "v\(version).\(engine.rawValue).sql.")
                }
            }
        }
        self.files = parsed
        self.latestVersion = latest
    }

    /// The file used for `version` on `engine`: the engine-specific file when there is one, else `vN.sql`.
    public func script(version: Int, engine: MigrationEngine) -> MigrationScriptFile? {
        files.first { $0.version == version && $0.engine == engine }
            ?? files.first { $0.version == version && $0.engine == nil }
    }

    /// The files used on `engine`, one per version, in version order.
    public func scripts(for engine: MigrationEngine) -> [MigrationScriptFile] {
        (1..<(latestVersion + 1)).compactMap { script(version: $0, engine: engine) }
    }

    /// ``MigrationChecksum/scriptsHash(_:)`` over all files (both engines' variants included).
    public var hash: String { MigrationChecksum.scriptsHash(files) }
}
