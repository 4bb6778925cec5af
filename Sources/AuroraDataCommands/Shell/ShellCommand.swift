#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import AuroraDataAPI
import AuroraDataAPIModel
import AuroraMigrate

/// `aurora-data shell`: a SQL console over the Data API. On a terminal it prompts and edits lines; from a pipe or
/// `--file`, statements and psql-like meta-commands run in order and the first error stops the run (like
/// `psql -v ON_ERROR_STOP=1`).
struct ShellCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "A SQL console over the RDS Data API: statements and \\ meta-commands from stdin or --file.",
        discussion: """
            On a terminal: a prompt with the database and the transaction state (blog=>, blog*>), line editing \
            and history ($XDG_STATE_HOME/aurora-data/history); an error keeps the session, Ctrl-C abandons a \
            statement waiting for its answer, Ctrl-D quits. A result taller than the screen goes to $PAGER \
            (default less -S; PAGER= turns it off), wider rows are cut at the screen's width, \\e edits the last \
            statement in $VISUAL, $EDITOR or vi. From a pipe or --file: no prompt.

            NULL shows as ∅ (\\pset null TEXT changes it), so the string 'NULL' stays NULL; numbers are \
            right-aligned; blobs are \\x hex; JSON columns are compact.

            Statements end at ';' (the engine's rules: a ';' in a string, a dollar-quoted body or a comment does \
            not end one) and may span lines. The first error stops the run: the open transaction is rolled back. \
            Example: echo 'SELECT 1; \\dt' | aurora-data shell --database blog

            \(ShellMetaCommand.help)

            \(ExecExitCode.help)
            """)

    @Option(help: "Read statements from this file instead of stdin.")
    var file: String?

    @Option(help: "Output format: table (default), json or csv (\\format changes it).")
    var format: OutputFormat = .table

    @Option(help: "Database engine: postgresql or mysql (default: detected with SELECT version()).")
    var engine: MigrationEngine?

    @OptionGroup var connection: ConnectionOptions

    /// The service's idle-transaction timeout; tests shorten it to see the warning in seconds.
    @Option(help: .hidden)
    var transactionTimeout: Double = 180

    private func output(_ text: String) { ShellOutput.standard.result(text) }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let interactive = file == nil && isatty(STDIN_FILENO) == 1
        var input: ShellLineReader
        if let file {
            guard let reader = ShellLineReader(path: file) else {
                StandardError.print("error: \(file) cannot be read: \(String(cString: strerror(errno))).\n")
                throw ExitCode(ExecExitCode.usage)
            }
            input = reader
        } else {
            input = ShellLineReader(descriptor: STDIN_FILENO)
        }
        do {
            let status = ShellStatusLine()
            let client = try connection.makeClient(environment: environment, observer: status.logHandler)
            let session = ShellSession(client: client, engine: engine, format: format, output: ShellOutput.standard)
            session.status = status
            session.transactionTimeout = .milliseconds(Int64(transactionTimeout * 1000))
            if interactive {
                output("aurora-data shell: \\? for help, \\q or Ctrl-D to quit.\n")
                ShellInterrupt.install()
                session.interruptible = true
                if isatty(STDOUT_FILENO) == 1 { session.pager = ShellPager(environment: environment) }
                session.editor = ShellEditor(environment: environment)
                var editor = ShellLineEditor(history: ShellHistory(path: ShellHistory.path(environment: environment)))
                editor.notice = { session.idleNotice() }
                try await session.run(&editor, source: "stdin", interactive: true)
            } else {
                try await session.run(&input, source: file ?? "stdin")
            }
        } catch let error as DataAPIError {
            StandardError.print(ExecCommand.errorText(error))
            throw ExitCode(ExecExitCode.forError(error))
        } catch let stop as ShellStop {
            throw ExitCode(stop.exitCode)
        }
    }
}
