import AuroraDatabaseDrivers
import AuroraDatabaseServers
import Foundation
import Synchronization

/// The built `aurora-data-local` executable running as a child process, its stdout and stderr in one log file.
final class LocalEndpointProcess: Sendable {
    private let process: Mutex<Process>
    let logFile: URL

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The `aurora-data-local` next to the test bundle (`swift build --build-tests` builds both).
    static func executable() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("aurora-data-local")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw Failure(description: "build the aurora-data-local product first (swift build --build-tests)")
    }

    /// Starts the endpoint with `arguments` and exactly `environment` (nothing inherited but PATH).
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = arguments
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { mine, _ in mine }
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("aurora-data-local-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = Mutex(process)
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(at: logFile)
    }

    /// Everything written to stdout and stderr so far.
    var output: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    var isRunning: Bool { process.withLock { $0.isRunning } }

    /// Waits for the process to exit; returns its status.
    func exitStatus(timeout: Duration = .seconds(60)) async throws -> Int32 {
        let start = ContinuousClock.now
        while isRunning {
            guard ContinuousClock.now - start < timeout else {
                throw Failure(description: "aurora-data-local did not exit within \(timeout); output:\n\(output)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.withLock { $0.terminationStatus }
    }

    /// Waits until the banner's `ready` line; returns the endpoint URL it printed.
    func ready(timeout: Duration = .seconds(120)) async throws -> String {
        let start = ContinuousClock.now
        while !output.contains("\nready\n") {
            guard isRunning, ContinuousClock.now - start < timeout else {
                throw Failure(description: "aurora-data-local did not get ready; output:\n\(output)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let line = output.split(separator: "\n").first { $0.hasPrefix("endpoint: ") }
        return String(line?.dropFirst("endpoint: ".count) ?? "")
    }

    /// Resident memory of the process now (VmRSS of /proc/<pid>/status), in bytes.
    func residentBytes() throws -> Int {
        let pid = process.withLock { $0.processIdentifier }
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { throw Failure(description: "no VmRSS in /proc/\(pid)/status") }
        return kilobytes * 1024
    }

    /// Ends the process with SIGKILL (a child started from a test thread may inherit a blocked SIGTERM).
    func kill() {
        // (Glibc.kill: the global function, not this method.)
        process.withLock { if $0.isRunning { Glibc.kill($0.processIdentifier, SIGKILL) } }
    }

    /// The URL of `address` (the throwaway test server), for `--database-url`.
    static func url(of address: DatabaseServerAddress, database: String) -> String {
        let scheme = address.engine == .postgresql ? "postgresql" : "mysql"
        let user = address.credentials.username.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let password = address.credentials.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return "\(scheme)://\(user):\(password)@\(address.host):\(address.port)/\(database)"
    }
}
