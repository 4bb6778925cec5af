import ArgumentParser
import AuroraMigrate

/// `aurora-data migrate status`: every version with its state and times.
struct MigrateStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show applied, pending and dirty versions with their times.")

    @OptionGroup var options: MigrateOptions

    func run() async throws {
        let status = try await options.makeMigrator(scripts: options.loadScripts()).status()
        switch options.format {
        case .json: try options.printJSON(status)
        case .text: print(Self.render(status))
        }
    }

    static func render(_ status: MigrationStatus) -> String {
        var lines = ["engine \(status.engine.rawValue), scripts hash \(status.scriptsHash)"]
        for entry in status.versions {
            var line = "v\(entry.version) \(entry.file ?? entry.record?.file ?? "?") \(entry.state.rawValue)"
            if let record = entry.record {
                line += " (\(record.state.rawValue), \(record.statementsApplied)/\(record.statementsTotal) statements"
                if let started = record.startedAt { line += ", started \(started)" }
                if let finished = record.finishedAt { line += ", finished \(finished)" }
                if let duration = record.durationMs { line += ", \(duration) ms" }
                line += ", by \(record.appliedBy))"
                if let error = record.error { line += "\n    error: \(error)" }
            }
            lines.append(line)
        }
        lines += status.problems.map { "problem: \($0)" }
        return lines.joined(separator: "\n")
    }
}

/// `aurora-data migrate validate`: checksums and files against the history.
struct MigrateValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the scripts against the history: edited, missing and dirty versions fail.")

    @OptionGroup var options: MigrateOptions

    func run() async throws {
        let status = try await options.makeMigrator(scripts: options.loadScripts()).validate()
        switch options.format {
        case .json: try options.printJSON(status)
        case .text: print("Valid: \(status.versions.count - status.pending.count) applied, \(status.pending.count) pending.")
        }
    }
}
