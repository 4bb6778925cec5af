import ArgumentParser
import AuroraMigrate

/// `aurora-data migrate repair`: accept edited scripts, resolve a dirty version on purpose.
struct MigrateRepairCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Accept edited applied scripts (store their new checksums) and resolve dirty versions.",
        discussion: """
            A dirty version (a statement failed or the run stopped part way, MySQL) needs a choice: \
            --mark-applied after you completed it by hand, or --remove-failed after you undid its partial changes \
            (it then runs again from the start).
            """)

    @Flag(help: "Record dirty versions as applied.")
    var markApplied = false

    @Flag(help: "Delete the records of dirty versions (and rolled back attempts) so they run again.")
    var removeFailed = false

    @OptionGroup var options: MigrateOptions

    func validate() throws {
        if markApplied && removeFailed { throw ValidationError("Choose one of --mark-applied and --remove-failed.") }
    }

    func run() async throws {
        let resolution: DirtyResolution? = markApplied ? .markApplied : removeFailed ? .removeFailed : nil
        let report = try await options.makeMigrator(scripts: options.loadScripts()).repair(dirty: resolution)
        try printRepair(report, options: options)
    }
}

/// `aurora-data migrate baseline --version N`.
struct MigrateBaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record versions 1...N as applied without running them (for an existing schema).")

    @Option(help: "The last version the database already has.")
    var version: Int

    @OptionGroup var options: MigrateOptions

    func run() async throws {
        let report = try await options.makeMigrator(scripts: options.loadScripts()).baseline(version: version)
        try printRepair(report, options: options)
    }
}

/// `aurora-data migrate reset --yes-destroy-all-data`.
struct MigrateResetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Development databases only: drop every table, then apply every version.")

    @Flag(help: "Confirm that every table and all data of the database are destroyed.")
    var yesDestroyAllData = false

    @OptionGroup var options: MigrateOptions

    func run() async throws {
        let scripts = try options.loadScripts()
        let report = try await options.makeMigrator(scripts: scripts).reset(destroyAllData: yesDestroyAllData)
        switch options.format {
        case .json: try options.printJSON(report)
        case .text: print("Reset: applied \(report.applied.count) version(s); the database is at version \(report.currentVersion).")
        }
    }
}

private func printRepair(_ report: RepairReport, options: MigrateOptions) throws {
    switch options.format {
    case .json: try options.printJSON(report)
    case .text: print(report.changes.isEmpty ? "Nothing to repair." : report.changes.joined(separator: "\n"))
    }
}
