#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import AuroraBuildInfo
import AuroraDataAPIModel
import AuroraMain

/// The `aurora-data` command: `exec` runs one statement, `migrate` manages schema migrations, `credentials` shows the
/// AWS credentials in use.
public struct AuroraDataCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "aurora-data",
        abstract: "Aurora through the RDS Data API: run statements and migrations over HTTPS, no drivers.",
        version: "aurora-data \(AuroraBuildInfo.description)",
        subcommands: [ExecCommand.self, MigrateCommand.self, CredentialsCommand.self, ShellCommand.self])

    public init() {}

    /// Parses `arguments` (without the program name), runs the command and returns the process exit code.
    /// Errors and help go to stderr / stdout as ArgumentParser formats them.
    ///
    /// Parsing, `--help`, `--version`, usage errors and synchronous commands run on the calling thread; only an
    /// async command (`exec`, `migrate ...`) starts Swift concurrency, through ``runBlocking(_:)``, the start-up
    /// path the Lambda `bootstrap` shares.
    public static func main(arguments: [String]) -> Int32 {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            return report(error)
        }
        guard let asyncCommand = command as? any AsyncParsableCommand else {
            var command = command
            do {
                try command.run()
                return 0
            } catch {
                return report(error)
            }
        }
        return runBlocking {
            var asyncCommand = asyncCommand
            do {
                try await asyncCommand.run()
                return 0
            } catch {
                return report(error)
            }
        }
    }

    /// Prints `error` the way every subcommand reports it and returns its exit code: ``DataAPIError`` with the
    /// codes of ``ExecExitCode``, anything else (help, version, usage) as ArgumentParser formats it.
    private static func report(_ error: any Error) -> Int32 {
        if let error = error as? DataAPIError {
            StandardError.print(ExecCommand.errorText(error))
            return ExecExitCode.forError(error)
        }
        let code = exitCode(for: error).rawValue
        let message = fullMessage(for: error)
        if !message.isEmpty {
            if code == 0 { print(message) } else { StandardError.print(message + "\n") }
        }
        return code
    }
}
