/// One script file of the schema directory: `vN.sql`, or `vN.postgresql.sql` / `vN.mysql.sql` used instead of
/// `vN.sql` on that engine.
public struct MigrationScriptFile: Sendable, Hashable {
    /// N of `vN.sql`.
    public var version: Int
    /// The file name without directory, e.g. `v3.postgresql.sql`.
    public var fileName: String
    /// The engine the file is for, `nil` for the portable `vN.sql`.
    public var engine: MigrationEngine?
    /// The normalized text (no BOM, LF line ends): what is split, run and hashed.
    public var text: String
    /// Lower-case hex SHA-256 of ``text``; stored in the history to detect edited scripts.
    public var checksum: String

    /// A script from its version, file name, engine and normalized text; the checksum is computed.
    public init(version: Int, fileName: String, engine: MigrationEngine?, text: String) {
        self.version = version
        self.fileName = fileName
        self.engine = engine
        self.text = text
        self.checksum = MigrationChecksum.sha256Hex(text)
    }
}

extension MigrationScriptFile {
    /// Parses a script file name: `v<digits>[.postgresql|.mysql].sql`. Returns `nil` for any other name.
    static func parseName(_ name: String) -> (version: Int, engine: MigrationEngine?)? {
        guard name.hasPrefix("v"), name.hasSuffix(".sql") else { return nil }
        var stem = name.dropFirst().dropLast(4)
        var engine: MigrationEngine?
        for candidate in MigrationEngine.allCases where stem.hasSuffix(".\(candidate.rawValue)") {
            engine = candidate
            stem = stem.dropLast(candidate.rawValue.count + 1)
        }
        guard !stem.isEmpty, stem.count <= 9, stem.allSatisfy({ $0.isASCII && $0.isNumber }),
            let version = Int(stem), version > 0
        else { return nil }
        return (version, engine)
    }
}
