#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPI
import AuroraDataAPIModel
import AuroraMigrate
import AuroraSQL
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The state of one `aurora-data shell` run: the client, the engine, the output settings and the open Data API
/// transaction; it runs lines of statements and meta-commands in order and stops at the first error.
final class ShellSession {
    let client: DataAPIClient
    /// Known from `--engine`, else from `SELECT version()`, asked at start-up but awaited only by the first line
    /// that needs it, so the prompt does not wait for the network (or for a paused cluster to resume).
    private(set) var engine: MigrationEngine?
    private var detection: Task<MigrationEngine, any Error>?
    let output: ShellOutput
    var format: OutputFormat
    var expanded = false
    /// `\pset null TEXT`: how SQL NULL shows in table and expanded output.
    var nullDisplay = "∅"
    /// `\timing`: print each statement's time.
    var timing = false
    /// `\o FILE`: where results go instead of stdout.
    var resultFile: Int32?
    /// The text of the last statements run, which `\e` edits.
    var lastStatement = ""
    /// `\e`'s editor.
    var editor = ShellEditor(environment: [:])
    /// Results go to a terminal: page and cut them (interactive sessions with stdout on a terminal).
    var pager: ShellPager?
    /// Ctrl-C abandons a call (interactive sessions, where ``ShellInterrupt`` is installed).
    var interruptible = false
    /// The Data API transaction `\begin` (or `BEGIN`) opened.
    var transactionId: String? {
        didSet { transactionUsed() }
    }
    /// When the open transaction last had a call, and whether its idleness was reported (see ``idleNotice(now:)``).
    var transactionLastUsed: ContinuousClock.Instant?
    var idleReported = ShellIdleReport.none
    /// The service's idle-transaction timeout (3 minutes); injectable so tests wait seconds.
    var transactionTimeout: Duration = .seconds(180)
    /// The "resuming…" status of a call to a paused cluster, cleared when the call ends.
    var status: ShellStatusLine?
    private var quitRequested = false

    init(client: DataAPIClient, engine: MigrationEngine?, format: OutputFormat, output: ShellOutput) {
        self.client = client
        self.engine = engine
        if engine == nil { detection = Task { try await MigrationEngine.detect(client) } }
        self.format = format
        self.output = output
    }

    /// Runs every line of `input`; at its end (or `\q`) an open transaction is rolled back and the user told.
    /// - Throws: ``ShellStop`` after reporting the first error (an open transaction is rolled back first).
    func run(_ input: inout some ShellLineSource, source: String, interactive: Bool = false) async throws(ShellStop) {
        do {
            try await runLines(&input, source: source, interactive: interactive)
        } catch {
            await rollbackOpenTransaction(reason: "the run stopped at an error")
            throw error
        }
        await rollbackOpenTransaction(reason: "the input ended without COMMIT")
    }

    /// Statements run as soon as their delimiter is read; a line starting with `\` between statements is a
    /// meta-command. `interactive`: an error is reported and the session goes on with the next line.
    func runLines(_ input: inout some ShellLineSource, source: String, interactive: Bool = false) async throws(ShellStop) {
        var buffer: ShellStatementBuffer?
        var lineNumber = 0
        while !quitRequested,
            let line = input.nextLine(prompt: prompt(continuing: buffer.map { $0.state != .blank } ?? false))
        {
            lineNumber += 1
            let location = "\(source):\(lineNumber)"
            do {
                if buffer == nil {
                    // Meta-commands before the first statement (\q, \?, \x) do not wait for the engine.
                    let trimmed = line.drop(while: \.isWhitespace)
                    if trimmed.first == "\\" {
                        try await runMeta(String(trimmed), at: location)
                        continue
                    }
                    buffer = ShellStatementBuffer(dialect: try await resolvedEngine(at: location).dialect)
                }
                try await handle(line, lineNumber: lineNumber, buffer: &buffer!, source: source)
            } catch {
                guard interactive else { throw error }
                _ = buffer?.take()
            }
        }
        if !quitRequested && !interactive, var rest = buffer { try await runStatements(rest.take(), source: source) }
    }

    /// One line: a meta-command between statements, or SQL that runs once it ends a statement.
    private func handle(
        _ line: String, lineNumber: Int, buffer: inout ShellStatementBuffer, source: String
    ) async throws(ShellStop) {
        let trimmed = line.drop(while: \.isWhitespace)
        if trimmed.first == "\\" && buffer.state != .open {
            try await runStatements(buffer.take(), source: source)
            try await runMeta(String(trimmed), at: "\(source):\(lineNumber)")
            return
        }
        buffer.append(line, lineNumber: lineNumber)
        if buffer.state == .complete { try await runStatements(buffer.take(), source: source) }
    }

    /// The engine, awaiting the start-up detection the first time; a failed detection is reported and asked again
    /// next time.
    func resolvedEngine(at location: String) async throws(ShellStop) -> MigrationEngine {
        if let engine { return engine }
        let client = self.client
        let task = detection ?? Task { try await MigrationEngine.detect(client) }
        do {
            let found = try await task.value
            engine = found
            return found
        } catch {
            detection = nil
            if let error = error as? DataAPIError {
                output.message("\(location): " + ExecCommand.errorText(error))
                throw ShellStop(exitCode: ExecExitCode.forError(error))
            }
            output.message("\(location): error: \(error)\n")
            throw ShellStop(exitCode: ExecExitCode.statementFailed)
        }
    }

    /// `blog=> `, `blog*> ` inside a transaction, `blog-> ` while a statement goes on, as psql.
    func prompt(continuing: Bool) -> String {
        let name = client.configuration.database ?? "aurora"
        return name + (continuing ? "-" : transactionId == nil ? "=" : "*") + "> "
    }

    /// Stops the run after the current line.
    func quit() { quitRequested = true }

    // MARK: - Statements

    private func runStatements(_ pending: ShellStatementBuffer.Pending?, source: String) async throws(ShellStop) {
        guard let pending else { return }
        lastStatement = pending.text
        let dialect = try await resolvedEngine(at: source).dialect
        let statements: [SQLScriptStatement]
        do {
            statements = try SQLSplitter.split(pending.text, dialect: dialect, options: .init(allowTransactionControl: true))
        } catch {
            output.message("\(source):\(pending.firstLine + error.line - 1): error: \(error.message)\n")
            throw ShellStop(exitCode: ExecExitCode.statementFailed)
        }
        for statement in statements {
            let location = "\(source):\(pending.firstLine + statement.line - 1)"
            switch ShellTransactionStatement(statement) {
            case .begin: try await begin(at: location)
            case .commit: try await commit(at: location)
            case .rollback: try await rollback(at: location)
            case nil: try await execute(statement.text, at: location)
            }
        }
    }

    /// Runs `sql` (inside the open transaction, if any) and prints the result.
    func execute(_ sql: String, parameters: [SqlParameter] = [], at location: String) async throws(ShellStop) {
        let start = ContinuousClock.now
        let response = try await query(sql, parameters: parameters, at: location)
        let elapsed = ContinuousClock.now - start
        emit(render(response))
        if timing { emit("Time: \(Self.milliseconds(elapsed)) ms\n") }
    }

    /// Runs a statement and returns its answer without printing it.
    func query(_ sql: String, parameters: [SqlParameter] = [], at location: String) async throws(ShellStop)
        -> ExecuteStatementResponse
    {
        let client = self.client
        let request = ExecuteStatementRequest(
            resourceArn: client.configuration.resourceArn, secretArn: client.configuration.secretArn, sql: sql,
            database: client.configuration.database, parameters: parameters.isEmpty ? nil : parameters,
            transactionId: transactionId, includeResultMetadata: true)
        return try await call(at: location) { try await client.executeStatement(request) }
    }

    func render(_ response: ExecuteStatementResponse) -> String {
        if expanded && format == .table && !(response.columnMetadata ?? []).isEmpty {
            return ShellExpandedFormatter.render(response, cells: .distinct(null: nullDisplay))
        }
        return ResultFormatter(format: format, cells: .distinct(null: nullDisplay)).render(response)
    }

    /// Runs one Data API call; an error is printed with its location and stops the run with `exec`'s exit code.
    /// In an interactive session Ctrl-C abandons the wait (the service may still finish the statement).
    private func call<T: Sendable>(
        at location: String, _ body: @escaping @Sendable () async throws -> T
    ) async throws(ShellStop) -> T {
        defer {
            status?.clear()
            transactionUsed()
        }
        do {
            guard interruptible else { return try await body() }
            guard let result = try await ShellInterrupt.race(body) else {
                output.message(
                    "Cancelled: no longer waiting for the answer. The service may still finish the statement.\n")
                throw ShellStop(exitCode: ExecExitCode.statementFailed)
            }
            return result
        } catch let stop as ShellStop {
            throw stop
        } catch let error as DataAPIError {
            output.message("\(location): " + ExecCommand.errorText(error))
            throw ShellStop(exitCode: ExecExitCode.forError(error))
        } catch {
            output.message("\(location): error: \(error)\n")
            throw ShellStop(exitCode: ExecExitCode.statementFailed)
        }
    }

    /// Reports a mistake in a meta-command and stops the run (exit code 1).
    func fail(_ message: String, at location: String) -> ShellStop {
        output.message("\(location): error: \(message)\n")
        return ShellStop(exitCode: ExecExitCode.statementFailed)
    }

    // MARK: - Transactions (BeginTransaction / CommitTransaction / RollbackTransaction)

    func begin(at location: String) async throws(ShellStop) {
        guard transactionId == nil else {
            throw fail("a transaction is already open: \\commit or \\rollback it first", at: location)
        }
        let client = self.client
        transactionId = try await call(at: location) { try await client.beginTransaction() }
        note("BEGIN")
    }

    func commit(at location: String) async throws(ShellStop) {
        guard let id = transactionId else { throw fail("no transaction is open (\\begin opens one)", at: location) }
        let client = self.client
        _ = try await call(at: location) { try await client.commitTransaction(id) as String? }
        transactionId = nil
        note("COMMIT")
    }

    func rollback(at location: String) async throws(ShellStop) {
        guard let id = transactionId else { throw fail("no transaction is open (\\begin opens one)", at: location) }
        transactionId = nil
        let client = self.client
        _ = try await call(at: location) { try await client.rollbackTransaction(id) as String? }
        note("ROLLBACK")
    }

    private func rollbackOpenTransaction(reason: String) async {
        guard let id = transactionId else { return }
        transactionId = nil
        do {
            _ = try await client.rollbackTransaction(id) as String?
            output.message("The open transaction was rolled back: \(reason).\n")
        } catch {
            output.message("The open transaction could not be rolled back (\(error)); the service ends it after 3 minutes.\n")
        }
    }

    /// A command tag (`BEGIN`, `COMMIT`) in table output; json and csv output stay documents only.
    func note(_ text: String) {
        if format == .table { emit(text + "\n") }
    }

    /// Writes a result to the `\o` file, else to stdout: on a terminal (``pager`` set) a tall result goes to the
    /// pager and wide table rows are cut at the screen's width.
    func emit(_ text: String) {
        if let resultFile {
            StandardError.writeAll(text, to: resultFile)
            return
        }
        guard let pager else { return output.result(text) }
        if let fitted = pager.fit(text, cut: format == .table) { output.result(fitted) }
    }

    /// `12.345`.
    static func milliseconds(_ duration: Duration) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

/// SQL transaction control mapped to the Data API's transaction operations: each ExecuteStatement call runs on a
/// pooled connection, so a `BEGIN` sent as SQL would not hold for the next statement.
enum ShellTransactionStatement {
    case begin, commit, rollback

    init?(_ statement: SQLScriptStatement) {
        guard statement.isTransactionControl else { return nil }
        let words = statement.text.uppercased().split(whereSeparator: { $0.isWhitespace || $0 == ";" }).prefix(2)
        switch words.first {
        case "BEGIN", "START": self = .begin
        case "COMMIT", "END": self = .commit
        case "ROLLBACK", "ABORT":
            // ROLLBACK TO SAVEPOINT runs inside the transaction.
            guard words.dropFirst().first != "TO" else { return nil }
            self = .rollback
        default: return nil
        }
    }
}
