#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import AuroraDataAPIModel

/// The `aurora-data` command: `exec` runs one statement, `migrate` manages schema migrations.
public struct AuroraDataCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "aurora-data",
        abstract: "Aurora through the RDS Data API: run statements and migrations over HTTPS, no drivers.",
        subcommands: [ExecCommand.self, MigrateCommand.self])

    public init() {}

    /// Parses `arguments` (without the program name), runs the command and returns the process exit code.
    /// Errors and help go to stderr / stdout as ArgumentParser formats them.
    public static func run(arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let error as DataAPIError {
            // Every subcommand reports service and client errors alike, with the exit codes of ``ExecExitCode``.
            StandardError.print(ExecCommand.errorText(error))
            return ExecExitCode.forError(error)
        } catch {
            let code = exitCode(for: error).rawValue
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == 0 { print(message) } else { StandardError.print(message + "\n") }
            }
            return code
        }
    }
}
