import Foundation
import Synchronization

/// The built `bootstrap` executable running as a child process against a ``FakeLambdaRuntimeAPI``.
public final class BootstrapProcess: Sendable {
    private let process: Mutex<Process>
    public let logFile: URL
    /// When the process was started.
    public let startedAt: ContinuousClock.Instant

    /// The `bootstrap` under test: `$AURORA_BOOTSTRAP` when set (the test command points it at the packaged,
    /// static binary, the artifact that is deployed), else the one next to the test bundle (`swift build`).
    public static func executable() throws -> URL {
        if let packaged = ProcessInfo.processInfo.environment["AURORA_BOOTSTRAP"], !packaged.isEmpty {
            return URL(fileURLWithPath: packaged)
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("bootstrap")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw FakeLambdaRuntimeAPIError(message: "build the bootstrap product first (swift build)")
    }

    /// Starts `executable` (default: the built `bootstrap`) with exactly `environment` (nothing inherited).
    public init(executable: URL? = nil, environment: [String: String]) throws {
        let process = Process()
        process.executableURL = try executable ?? Self.executable()
        process.environment = environment
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("bootstrap-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        startedAt = .now
        try process.run()
        self.process = Mutex(process)
    }

    /// Everything the process wrote to stdout and stderr so far.
    public var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    public var isRunning: Bool { process.withLock { $0.isRunning } }

    /// Waits for the process to exit by itself; returns its status.
    public func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let start = ContinuousClock.now
        while isRunning {
            guard ContinuousClock.now - start < timeout else { throw FakeLambdaRuntimeAPIError(message: "bootstrap did not exit within \(timeout)") }
            try await Task.sleep(for: .milliseconds(10))
        }
        return process.withLock { $0.terminationStatus }
    }

    /// Ends the process (SIGKILL: a child started from a test thread may inherit a mask that blocks SIGTERM) and
    /// removes the log.
    public func stop() async {
        process.withLock { if $0.isRunning { kill($0.processIdentifier, SIGKILL) } }
        _ = try? await waitForExit(timeout: .seconds(10))
        try? FileManager.default.removeItem(at: logFile)
    }
}
