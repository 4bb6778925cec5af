#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import AuroraMigrate

/// Options shared by every `aurora-data migrate` subcommand.
struct MigrateOptions: ParsableArguments, Sendable {
    @Option(help: "Directory of the scripts v1.sql, v2.sql, ... (vN.postgresql.sql / vN.mysql.sql for one engine).")
    var dir = "scripts/schema"

    @Option(help: "Database engine: postgresql or mysql (default: detected with SELECT version()).")
    var engine: MigrationEngine?

    @Option(help: "Output: text (default) or json.")
    var format: MigrateOutputFormat = .text

    @Option(help: "Seconds to wait for a lock held by another run before failing.")
    var lockTimeout: Int = 60

    @Option(help: "MySQL: seconds the lock lease lasts without renewal (renewed after every statement).")
    var lockTtl: Int = 120

    @Option(help: "Who runs the migration, stored in the history (default: $USER@host).")
    var appliedBy: String?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard lockTimeout >= 0, lockTtl > 0 else {
            throw ValidationError("--lock-timeout must be 0 or more and --lock-ttl more than 0 seconds.")
        }
    }

    func loadScripts() throws -> MigrationScripts {
        try MigrationScripts.load(directory: dir)
    }

    /// A migrator on the Data API client the connection options describe; progress goes to stderr.
    func makeMigrator(scripts: MigrationScripts) throws -> Migrator {
        let environment = ProcessInfo.processInfo.environment
        let client = try connection.makeClient(environment: environment)
        let user = environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
        let options = Migrator.Options(
            engine: engine, appliedBy: appliedBy ?? "\(user)@\(ProcessInfo.processInfo.hostName)",
            lockTimeout: .seconds(lockTimeout), lockTTL: .seconds(lockTtl))
        let progress = MigrateProgressPrinter()
        return Migrator(database: client, scripts: scripts, options: options, events: { progress.print($0) })
    }

    /// Prints `value` as JSON on stdout (sorted keys, one document).
    func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// `--format` of the migrate subcommands.
enum MigrateOutputFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    case text
    case json
}

extension MigrationEngine: ExpressibleByArgument {}
