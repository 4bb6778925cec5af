#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CAuroraSpawn

/// A child process started with `posix_spawn` (full Foundation's `Process` is not available here).
/// Used to run database server binaries; standard input is `/dev/null`, standard output and error go to `logPath`.
struct ChildProcess: Sendable {
    let pid: pid_t

    /// Starts `executable` (an absolute path) with `arguments` and exactly `environment`; with `newSession`
    /// it leaves this process group, so signals sent to the group (Ctrl-C, a job kill) do not reach it.
    static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String], logPath: String,
        newSession: Bool = false
    ) throws(LocalDatabaseServerError) -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Sockets this process opened without close-on-exec (SwiftNIO's) must not live on in a server or its
        // watchdog: a leaked socket stays open after its owner closes it, and the peer never sees the end.
        _ = aurora_spawn_add_close_from(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if newSession { posix_spawnattr_setflags(&attributes, Self.spawnSetSID) }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw LocalDatabaseServerError(
                code: .startFailed,
                message: "Could not run \(executable): \(String(cString: strerror(status))).")
        }
        return ChildProcess(pid: pid)
    }

    /// `POSIX_SPAWN_SETSID`, which Glibc declares only under `_GNU_SOURCE`.
    #if os(Linux)
    private static let spawnSetSID: Int16 = 0x80
    #else
    private static let spawnSetSID: Int16 = 0x400
    #endif

    /// Runs a command to completion and returns its exit status (-1 when it was killed by a signal).
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], logPath: String
    ) throws(LocalDatabaseServerError) -> Int32 {
        let child = try spawn(executable, arguments, environment: environment, logPath: logPath)
        return child.waitForExit()
    }

    /// Blocks until the process ends; returns its exit status, or -1 when a signal ended it.
    func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return Self.exitCode(status)
    }

    /// Whether the process has ended (reaps it when it has).
    func hasExited() -> Bool {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        return result == pid || (result == -1 && errno == ECHILD)
    }

    func signal(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Sends `signal`, waits up to `grace` seconds, then kills the process.
    func terminate(with signal: Int32, grace: Duration) {
        if hasExited() { return }
        self.signal(signal)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: grace)
        while clock.now < deadline {
            if hasExited() { return }
            usleep(20_000)
        }
        self.signal(SIGKILL)
        _ = waitForExit()
    }

    private static func exitCode(_ status: Int32) -> Int32 {
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    }
}
