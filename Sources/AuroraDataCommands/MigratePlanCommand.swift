import ArgumentParser
import AuroraMigrate

/// `aurora-data migrate plan`: the statements `migrate` would run.
struct MigratePlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the statements that would run, in order (--format json: [{version, file, line, sql}]).")

    @Option(help: "Stop after this version.")
    var target: Int?

    @OptionGroup var options: MigrateOptions

    func run() async throws {
        let planned = try await options.makeMigrator(scripts: options.loadScripts()).plan(target: target)
        switch options.format {
        case .json: try options.printJSON(planned)
        case .text:
            if planned.isEmpty { print("Nothing to apply.") }
            for statement in planned {
                print("-- v\(statement.version) \(statement.file) line \(statement.line)\n\(statement.sql);\n")
            }
        }
    }
}

/// `aurora-data migrate hash`: the scripts hash (no database needed).
struct MigrateHashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print one SHA-256 over every script's name and normalized text (for a CloudFormation property).")

    @Option(help: "Directory of the scripts.")
    var dir = "scripts/schema"

    func run() throws {
        print(try MigrationScripts.load(directory: dir).hash)
    }
}
