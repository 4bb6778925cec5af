import ArgumentParser
import AuroraMigrate

/// `aurora-data migrate`: versioned schema migrations from `scripts/schema/vN.sql` through the RDS Data API.
/// Without a subcommand it applies every pending version (`migrate apply`).
public struct MigrateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply and inspect schema migrations (scripts/schema/v1.sql, v2.sql, ...).",
        discussion: """
            The history lives in the table aurora_data_migrations. PostgreSQL runs each version in one transaction \
            (a failure rolls it back); MySQL commits each statement, so a failure leaves a dirty version that \
            `migrate repair` resolves. See docs/migrations.md.
            """,
        subcommands: [
            MigrateApplyCommand.self, MigrateStatusCommand.self, MigrateValidateCommand.self, MigratePlanCommand.self,
            MigrateBaselineCommand.self, MigrateRepairCommand.self, MigrateHashCommand.self, MigrateResetCommand.self,
            MigrateNewCommand.self,
        ],
        defaultSubcommand: MigrateApplyCommand.self)

    public init() {}
}

/// `aurora-data migrate [apply] [--target N]`.
struct MigrateApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Apply every pending version, or those up to --target.")

    @Option(help: "Stop after this version.")
    var target: Int?

    @OptionGroup var options: MigrateOptions

    func run() async throws {
        let report = try await options.makeMigrator(scripts: options.loadScripts()).migrate(target: target)
        switch options.format {
        case .json: try options.printJSON(report)
        case .text:
            print(
                report.applied.isEmpty
                    ? "Nothing to apply: the database is at version \(report.currentVersion)."
                    : "Applied \(report.applied.map { "v\($0)" }.joined(separator: ", ")); the database is at version \(report.currentVersion).")
        }
    }
}
