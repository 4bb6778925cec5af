import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import AuroraTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension ShellTerminalTests.Terminal {
    /// Sets the pty's window size, as a terminal emulator does (TIOCSWINSZ on the master side).
    func resize(rows: UInt16, columns: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }
}

/// `aurora-data shell` on a sized pseudo-terminal: the pager, rows cut at the screen's width, `\e`.
@Suite("aurora-data shell on a terminal: pager, width, editor")
struct ShellTerminalScreenTests {
    typealias Terminal = ShellTerminalTests.Terminal

    static func setting(_ engine: DatabaseEngine) async throws -> (database: String, environment: [String: String], arguments: [String]) {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("screen")
        var environment = ExecBinaryTests.environment(for: endpoint)
        environment["XDG_STATE_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("shell-state-\(UUID())").path
        return (database, environment, ["shell", "--database", database, "--endpoint-url", endpoint.url])
    }

    static let thirtyRows = "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 30) SELECT n FROM s;"

    @Test("a result taller than the screen goes to $PAGER; a wide row is cut at the screen's width; PAGER='' pages nothing",
          arguments: [DatabaseEngine.postgresql, .mysql])
    func pagerAndWidth(_ engine: DatabaseEngine) async throws {
        let (database, settings, arguments) = try await Self.setting(engine)
        let paged = FileManager.default.temporaryDirectory.appendingPathComponent("shell-paged-\(UUID()).txt")
        defer { try? FileManager.default.removeItem(at: paged) }
        var environment = settings
        environment["PAGER"] = "cat > '\(paged.path)'"
        let pagerEnvironment = environment
        try await offPool {
            let terminal = try Terminal(arguments: arguments, environment: pagerEnvironment)
            terminal.resize(rows: 10, columns: 40)
            try terminal.wait(for: "\(database)=> ")
            terminal.send(Self.thirtyRows + "\r")
            try terminal.wait(for: Self.thirtyRows + "\u{1b}[K\r\r\n")
            // The pager's output went to the file: the next thing on the screen is the next prompt.
            terminal.send("SELECT 'done' AS marker;\r")
            let shown = try terminal.wait(for: "(1 row)")
            #expect(!shown.contains("(30 rows)") && !shown.contains("\n17"), "\(shown.debugDescription)")
            let pagedText = try String(contentsOf: paged, encoding: .utf8)
            #expect(pagedText.hasPrefix(" n\n--\n 1\n 2\n"), "\(pagedText.debugDescription)")
            #expect(pagedText.hasSuffix("\n30\n(30 rows)\n"), "\(pagedText.debugDescription)")
            // A short result is printed, its wide row cut to 40 columns.
            terminal.send("SELECT 'ab' AS short, REPEAT('x', 100) AS wide;\r")
            let wide = try terminal.wait(for: "(1 row)")
            #expect(wide.contains("ab    | " + String(repeating: "x", count: 31) + "…\r\n"), "\(wide.debugDescription)")
            #expect(!wide.contains(String(repeating: "x", count: 32)), "\(wide.debugDescription)")
            // Nine lines and the prompt fill the ten rows exactly: no pager.
            terminal.send(Self.thirtyRows.replacing("30", with: "6") + "\r")
            try terminal.wait(for: "\r\n6\r\n(6 rows)")
            try terminal.wait(for: "\(database)=> ")
            terminal.send("\u{04}")
            #expect(terminal.waitForExit() == 0)
        }

        environment["PAGER"] = ""
        let noPager = environment
        try await offPool {
            let terminal = try Terminal(arguments: arguments, environment: noPager)
            terminal.resize(rows: 10, columns: 40)
            try terminal.wait(for: "\(database)=> ")
            terminal.send(Self.thirtyRows + "\r")
            let shown = try terminal.wait(for: "(30 rows)")
            #expect(shown.contains("\r\n17\r\n"), "\(shown.debugDescription)")
            try terminal.wait(for: "\(database)=> ")
            terminal.send("\u{04}")
            #expect(terminal.waitForExit() == 0)
        }
    }

    @Test("\\e opens the last statement in $VISUAL (before $EDITOR) and runs what the editor saved",
          arguments: [DatabaseEngine.postgresql, .mysql])
    func editLastStatement(_ engine: DatabaseEngine) async throws {
        let (database, settings, arguments) = try await Self.setting(engine)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shell-editor-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let seen = dir.appendingPathComponent("seen.sql")
        let script = dir.appendingPathComponent("edit.sh")
        try """
            #!/bin/sh
            cp "$1" '\(seen.path)'
            printf 'SELECT 40 + 2\\n  AS edited;\\n' > "$1"

            """.write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        var environment = settings
        environment["VISUAL"] = script.path
        environment["EDITOR"] = "false"
        let editorEnvironment = environment
        try await offPool {
            let terminal = try Terminal(arguments: arguments, environment: editorEnvironment)
            try terminal.wait(for: "\(database)=> ")
            terminal.send("SELECT 1\r")
            try terminal.wait(for: "\(database)-> ")
            terminal.send("  AS first;\r")
            try terminal.wait(for: "(1 row)")
            try terminal.wait(for: "\(database)=> ")
            terminal.send("\\e\r")
            let edited = try terminal.wait(for: "(1 row)")
            #expect(edited.contains("edited\r\n------\r\n    42\r\n"), "\(edited.debugDescription)")
            #expect(try String(contentsOf: seen, encoding: .utf8) == "SELECT 1\n  AS first;\n")
            try terminal.wait(for: "\(database)=> ")
            terminal.send("\u{04}")
            #expect(terminal.waitForExit() == 0)
        }

        // An editor that fails runs nothing and keeps the session.
        environment["VISUAL"] = nil
        let failing = environment
        try await offPool {
            let terminal = try Terminal(arguments: arguments, environment: failing)
            try terminal.wait(for: "\(database)=> ")
            terminal.send("\\e\r")
            try terminal.wait(for: "the editor false exited with status 1; nothing was run")
            try terminal.wait(for: "\(database)=> ")
            terminal.send("\u{04}")
            #expect(terminal.waitForExit() == 0)
        }
    }
}

/// The open transaction's idle time and a paused cluster resuming.
@Suite("aurora-data shell: idle transactions and a resuming cluster")
struct ShellTransactionStatusTests {
    @Test("an idle transaction is warned about at the prompt before the service's timeout, and again after it",
          arguments: [DatabaseEngine.postgresql, .mysql])
    func idleTransactionWarning(_ engine: DatabaseEngine) async throws {
        let (database, environment, arguments) = try await ShellTerminalScreenTests.setting(engine)
        try await offPool {
            // A 3-second timeout stands for the service's 3 minutes: the warning comes at 2.5 s.
            let terminal = try ShellTerminalTests.Terminal(arguments: arguments + ["--transaction-timeout", "3"], environment: environment)
            try terminal.wait(for: "\(database)=> ")
            terminal.send("\\begin\r")
            try terminal.wait(for: "BEGIN")
            let begun = Date()
            try terminal.wait(for: "\(database)*> ")
            try terminal.wait(for: "Warning: the transaction has been idle for 2 s; the service rolls it back after 3 s", timeout: 10)
            let warnedAfter = Date().timeIntervalSince(begun)
            #expect(warnedAfter > 2.3 && warnedAfter < 3.2, "\(warnedAfter)")
            // The prompt is drawn again under the warning.
            try terminal.wait(for: "to keep its work.\r\r\n\r\(database)*> ")
            try terminal.wait(for: "the service has most likely rolled it back", timeout: 10)
            terminal.send("\\rollback\r")
            try terminal.wait(for: "ROLLBACK")
            try terminal.wait(for: "\(database)=> ")
            let quiet = try? terminal.wait(for: "Warning", timeout: 3.5)
            #expect(quiet == nil, "no transaction, no warning")
            terminal.send("\u{04}")
            #expect(terminal.waitForExit() == 0)
        }
    }

    @Test("a paused cluster: one 'resuming…' line while the client retries, then the answer")
    func resumingStatus() async throws {
        let resuming = ScriptedResponse.json(
            #"{"message":"The Aurora DB instance db-1 is resuming after being auto-paused. Please wait a few seconds and try again."}"#,
            status: 400, headers: [("x-amzn-ErrorType", "DatabaseResumingException")])
        try await ScriptedHTTPServer.withServer(responses: [resuming, resuming, ExecBinaryTests.selectResponse]) { server in
            let run = try await ExecBinaryTests.run(
                ["shell", "--engine", "postgresql", "--database", "blog"], endpoint: server.baseURL, stdin: "SELECT 1;\n")
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr == "The database is resuming from auto-pause… retrying.\n", "\(run.stderr)")
            #expect(run.stdout.contains("hello"), "\(run.stdout)")
            #expect(server.requests.count == 3)
        }
    }

    @Test("on a terminal the 'resuming…' status is one line rewritten at each retry and cleared before the answer")
    func resumingStatusOnTerminal() async throws {
        let resuming = ScriptedResponse.json(
            #"{"message":"The Aurora DB instance db-1 is resuming after being auto-paused."}"#,
            status: 400, headers: [("x-amzn-ErrorType", "DatabaseResumingException")])
        var environment = ExecBinaryTests.environment
        environment["XDG_STATE_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("shell-state-\(UUID())").path
        let settings = environment
        try await ScriptedHTTPServer.withServer(responses: [resuming, resuming, ExecBinaryTests.selectResponse]) { server in
            try await offPool {
                let terminal = try ShellTerminalTests.Terminal(
                    arguments: ["shell", "--engine", "postgresql", "--database", "blog", "--endpoint-url", server.baseURL],
                    environment: settings)
                try terminal.wait(for: "blog=> ")
                terminal.send("SELECT 1;\r")
                try terminal.wait(for: "\r\u{1b}[KThe database is resuming from auto-pause… retrying (attempt 1 failed, next in ")
                try terminal.wait(for: "\r\u{1b}[KThe database is resuming from auto-pause… retrying (attempt 2 failed, next in ")
                let answer = try terminal.wait(for: "(1 row)")
                #expect(answer.contains(" s)\r\u{1b}[K"), "cleared before the answer: \(answer.debugDescription)")
                #expect(answer.contains("hello"), "\(answer.debugDescription)")
                try terminal.wait(for: "blog=> ")
                terminal.send("\u{04}")
                #expect(terminal.waitForExit() == 0)
            }
        }
    }
}
