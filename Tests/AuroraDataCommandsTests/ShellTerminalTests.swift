import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import AuroraTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `aurora-data shell` on a real pseudo-terminal opened by the test: prompts, multi-line statements, the line
/// editor's history across two sessions, a transaction, an error that keeps the session, and Ctrl-D.
@Suite("aurora-data shell on a terminal")
struct ShellTerminalTests {
    /// One `aurora-data shell` process on the slave side of a pty; the test reads and writes the master side.
    final class Terminal {
        let process = Process()
        let master: Int32
        var transcript = ""
        private var consumed = 0

        /// - Parameter controllingTerminal: start it through `setsid -c`, so the pty is its controlling terminal and
        ///   a typed Ctrl-C raises SIGINT, as in a real terminal session.
        init(arguments: [String], environment: [String: String], controllingTerminal: Bool = false) throws {
            // posix_openpt/grantpt/unlockpt/ptsname are not imported into Swift: the Linux ioctls behind them.
            master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
            var unlock: Int32 = 0
            var number: UInt32 = 0
            guard master >= 0, ioctl(master, 0x4004_5431 /* TIOCSPTLCK */, &unlock) == 0,
                ioctl(master, 0x8004_5430 /* TIOCGPTN */, &number) == 0
            else {
                throw POSIXError(.ENOTTY)
            }
            let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
            guard slave >= 0 else { throw POSIXError(.ENOTTY) }
            let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
            if controllingTerminal {
                process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
                process.arguments = ["-c", try ExecBinaryTests.executable().path] + arguments
            } else {
                process.executableURL = try ExecBinaryTests.executable()
                process.arguments = arguments
            }
            process.environment = environment
            process.standardInput = handle
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
        }

        deinit {
            if process.isRunning { process.terminate() }
            close(master)
        }

        func send(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        }

        /// Reads until `text` appears after what earlier waits consumed; returns what came up to and including it.
        @discardableResult
        func wait(for text: String, timeout: Double = 20) throws -> String {
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                let unread = String(transcript.dropFirst(consumed))
                if let range = unread.range(of: text) {
                    let seen = String(unread[..<range.upperBound])
                    consumed += seen.count
                    return seen
                }
                guard Date() < deadline else {
                    throw TerminalError(description: "waiting for \(text.debugDescription) in \(unread.debugDescription)")
                }
                var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 200) > 0 else { continue }
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = read(master, &buffer, buffer.count)
                if count > 0 { transcript += String(decoding: buffer[0..<count], as: UTF8.self) }
                else if count < 0 && errno != EINTR && errno != EAGAIN { throw TerminalError(description: "read failed after \(transcript.debugDescription)") }
            }
        }

        func waitForExit(timeout: Double = 20) -> Int32? {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline {
                _ = try? wait(for: "\u{0}", timeout: 0.2)
            }
            return process.isRunning ? nil : process.terminationStatus
        }
    }

    struct TerminalError: Error, CustomStringConvertible {
        var description: String
    }

    @Test("prompts, a multi-line statement, a transaction rolled back, an error that keeps the session, Ctrl-D, history across sessions",
          arguments: [DatabaseEngine.postgresql, .mysql])
    func session(_ engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("tty")
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("shell-state-\(UUID())")
        defer { try? FileManager.default.removeItem(at: state) }
        var settings = ExecBinaryTests.environment(for: endpoint)
        settings["XDG_STATE_HOME"] = state.path
        let environment = settings
        let arguments = ["shell", "--database", database, "--endpoint-url", endpoint.url]

        try await offPool {
            let first = try Terminal(arguments: arguments, environment: environment)
            try first.wait(for: "\(database)=> ")
            first.send("SELECT 1 AS a,\r")
            try first.wait(for: "\(database)-> ")
            first.send("2 AS b;\r")
            let row = try first.wait(for: "(1 row)")
            #expect(row.contains("a | b"), "\(row)")
            try first.wait(for: "\(database)=> ")
            first.send("CREATE TABLE t (id INT);\r")
            try first.wait(for: "0 rows updated")
            try first.wait(for: "\(database)=> ")
            first.send("\\begin\r")
            try first.wait(for: "BEGIN")
            try first.wait(for: "\(database)*> ")
            first.send("INSERT INTO t (id) VALUES (1);\r")
            try first.wait(for: "1 row updated")
            try first.wait(for: "\(database)*> ")
            first.send("\\rollback\r")
            try first.wait(for: "ROLLBACK")
            try first.wait(for: "\(database)=> ")
            first.send("SELECT COUNT(*) AS n FROM t;\r")
            let count = try first.wait(for: "(1 row)")
            #expect(count.contains("\n0\r\n"), "\(count.debugDescription)")
            first.send("SELECT nosuch FROM t;\r")
            try first.wait(for: "error: ")
            try first.wait(for: "\(database)=> ")
            first.send("SELECT 40 + 2 AS answer;\r")
            try first.wait(for: "42")
            try first.wait(for: "\(database)=> ")
            first.send("\\begin\r")
            try first.wait(for: "BEGIN")
            try first.wait(for: "\(database)*> ")
            first.send("\u{04}")
            try first.wait(for: "The open transaction was rolled back")
            #expect(first.waitForExit() == 0)

            let history = state.appendingPathComponent("aurora-data/history")
            let attributes = try FileManager.default.attributesOfItem(atPath: history.path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let lines = try String(contentsOf: history, encoding: .utf8).split(separator: "\n")
            #expect(lines.suffix(2) == ["SELECT 40 + 2 AS answer;", "\\begin"], "\(lines)")

            let second = try Terminal(arguments: arguments, environment: environment)
            try second.wait(for: "\(database)=> ")
            // Up twice: the statement before \begin, from the first session; Left and an edit before Enter.
            second.send("\u{1b}[A\u{1b}[A")
            try second.wait(for: "SELECT 40 + 2 AS answer;")
            second.send("\u{1b}[D\u{7f}x\r")
            try second.wait(for: "(1 row)")
            #expect(second.transcript.contains("answex"), "\(second.transcript.debugDescription)")
            try second.wait(for: "\(database)=> ")
            // Ctrl-R finds the newest line holding the text; Ctrl-R again the one before; Enter runs it.
            second.send("\u{12}AS ")
            try second.wait(for: "(reverse-i-search)`AS ': SELECT 40 + 2 AS answex;")
            second.send("\u{12}")
            try second.wait(for: "(reverse-i-search)`AS ': SELECT 40 + 2 AS answer;")
            second.send("\r")
            let found = try second.wait(for: "(1 row)")
            #expect(found.contains("answer\r\n"), "\(found.debugDescription)")
            try second.wait(for: "\(database)=> ")
            second.send("\\x\r")
            try second.wait(for: "Expanded display is on.")
            second.send("SELECT 1 AS id, 'two' AS name;\r")
            let expanded = try second.wait(for: "name | two\r\n")
            #expect(expanded.contains("-[ RECORD 1 ]\r\nid   | 1\r\n"), "\(expanded.debugDescription)")
            second.send("\\q\r")
            #expect(second.waitForExit() == 0)
        }
    }

    @Test("\\d on a terminal: types, NOT NULL, defaults and indexes", arguments: [DatabaseEngine.postgresql, .mysql])
    func describeOnTerminal(_ engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("tty")
        var settings = ExecBinaryTests.environment(for: endpoint)
        settings["XDG_STATE_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("shell-state-\(UUID())").path
        settings["PAGER"] = ""
        let environment = settings
        let arguments = ["shell", "--database", database, "--endpoint-url", endpoint.url]
        try await offPool {
            let terminal = try Terminal(arguments: arguments, environment: environment)
            try terminal.wait(for: "\(database)=> ")
            terminal.send("CREATE TABLE d (id INT PRIMARY KEY, title VARCHAR(20) NOT NULL, views INT DEFAULT 7);\r")
            try terminal.wait(for: "0 rows updated")
            try terminal.wait(for: "\(database)=> ")
            terminal.send("CREATE INDEX d_title_idx ON d (title);\r")
            try terminal.wait(for: "0 rows updated")
            try terminal.wait(for: "\(database)=> ")
            terminal.send("\\d d\r")
            let described = try terminal.wait(for: "Indexes of d") + terminal.wait(for: "\(database)=> ")
            let lines = described.components(separatedBy: "\r\n")
            let title = try #require(lines.first { $0.hasPrefix("title ") }, "\(described.debugDescription)")
            #expect(title.contains("not null"), "\(title)")
            let views = try #require(lines.first { $0.hasPrefix("views ") }, "\(described.debugDescription)")
            #expect(views.contains("| 7") && !views.contains("not null"), "\(views)")
            #expect(lines.contains { $0.hasPrefix("d_title_idx") }, "\(described.debugDescription)")
            terminal.send("\\q\r")
            #expect(terminal.waitForExit() == 0)
        }
    }

    @Test("Ctrl-C during a slow statement abandons the wait and keeps the session", arguments: [DatabaseEngine.postgresql, .mysql])
    func interrupt(_ engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("tty")
        var settings = ExecBinaryTests.environment(for: endpoint)
        settings["XDG_STATE_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("shell-state-\(UUID())").path
        let environment = settings
        let arguments = ["shell", "--database", database, "--endpoint-url", endpoint.url]
        let sleep = engine == .postgresql ? "SELECT pg_sleep(20);" : "SELECT SLEEP(20);"
        try await offPool {
            let terminal = try Terminal(arguments: arguments, environment: environment, controllingTerminal: true)
            try terminal.wait(for: "\(database)=> ")
            terminal.send(sleep + "\r")
            try terminal.wait(for: sleep + "\u{1b}[K\r\r\n")
            Thread.sleep(forTimeInterval: 0.5)
            let start = Date()
            terminal.send("\u{03}")
            try terminal.wait(for: "The service may still finish the statement.", timeout: 5)
            #expect(Date().timeIntervalSince(start) < 5)
            try terminal.wait(for: "\(database)=> ")
            terminal.send("SELECT 7 AS seven;\r")
            let answer = try terminal.wait(for: "(1 row)")
            #expect(answer.contains("\n    7\r\n"), "\(answer.debugDescription)")
            // Ctrl-D once the editor reads again (a Ctrl-D typed ahead in cooked mode is the terminal's EOF).
            try terminal.wait(for: "\(database)=> ")
            terminal.send("\u{04}")
            #expect(terminal.waitForExit() == 0)
        }
    }

    @Test("the prompt does not wait for the engine's detection; \\? and \\q work with the endpoint unreachable")
    func promptBeforeDetection() async throws {
        var settings = ExecBinaryTests.environment
        settings["XDG_STATE_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("shell-state-\(UUID())").path
        let environment = settings
        try await offPool {
            // Port 9 (discard) refuses connections: detection fails, but only a statement would wait for it.
            let terminal = try Terminal(
                arguments: ["shell", "--database", "blog", "--endpoint-url", "http://127.0.0.1:9"], environment: environment)
            try terminal.wait(for: "blog=> ", timeout: 5)
            terminal.send("\\?\r")
            try terminal.wait(for: "\\q               quit", timeout: 5)
            terminal.send("\\q\r")
            #expect(terminal.waitForExit(timeout: 5) == 0)
        }
    }
}
