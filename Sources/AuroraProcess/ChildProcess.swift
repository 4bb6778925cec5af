/// `AuroraProcess`: starting child processes, for the whole package. Its one job: a child starts with exactly the
/// environment and standard streams it is given and no other descriptor of this process, even where `close_range`
/// is missing (CAuroraSpawn falls back step by step), and can be waited for, signalled and stopped.
/// It may depend on the C library and CAuroraSpawn only: no Foundation, no SwiftNIO, no other module of the package.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CAuroraSpawn

/// A child process started with `posix_spawn` or `fork`/`exec` (full Foundation's `Process` is not available here,
/// and leaks descriptors). Its standard input is `/dev/null`; it inherits no other descriptor of this process.
public struct ChildProcess: Sendable {
    public let pid: pid_t

    /// Which process group the child joins.
    public enum Group: Sendable, Hashable {
        /// This process's group: signals to the group (Ctrl-C, a job kill) reach the child too.
        case inherited
        /// A new group the child leads (its id is the child's pid), so it and its own children can be signalled
        /// together.
        case newGroup
        /// A new session: the child leaves this process's group and terminal, so signals sent to them do not
        /// reach it.
        case newSession
    }

    /// Starts `executable` (an absolute path) with `arguments` and exactly `environment`; standard output and error
    /// are appended to `logPath` (created when missing).
    public static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String], logPath: String,
        group: Group = .inherited
    ) throws(ChildProcessError) -> ChildProcess {
        try spawn(executable, arguments, environment: environment, logPath: logPath, group: group, sweep: .automatic)
    }

    /// ``spawn(_:_:environment:logPath:group:)`` with the descriptor sweep forced to start at `sweep` (tests).
    package static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String], logPath: String,
        group: Group, sweep: DescriptorSweep
    ) throws(ChildProcessError) -> ChildProcess {
        let log = try openDescriptor(logPath, O_WRONLY | O_CREAT | O_APPEND, executable: executable)
        defer { close(log) }
        return try spawn(
            executable, arguments, environment: environment, output: log, error: log, group: group, sweep: sweep)
    }

    /// Runs a command to completion (standard output and error appended to `logPath`) and returns how it ended.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], logPath: String
    ) throws(ChildProcessError) -> Termination {
        try spawn(executable, arguments, environment: environment, logPath: logPath).waitForExit()
    }

    /// Starts the child with `output` and `error` (descriptors of this process, which keeps and closes them) as its
    /// standard output and error.
    static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String], output: Int32, error: Int32,
        group: Group, sweep: DescriptorSweep
    ) throws(ChildProcessError) -> ChildProcess {
        let input = try openDescriptor("/dev/null", O_RDONLY, executable: executable)
        defer { close(input) }
        var pid = pid_t()
        let status = withCStrings([executable] + arguments) { argv in
            withCStrings(environment.map { "\($0.key)=\($0.value)" }) { envp in
                argv.withUnsafeBufferPointer { argv in
                    envp.withUnsafeBufferPointer { envp in
                        var request = aurora_spawn_request()
                        request.argv = argv.baseAddress
                        request.envp = envp.baseAddress
                        request.stdio = (input, output, error)
                        request.new_session = group == .newSession ? 1 : 0
                        request.new_process_group = group == .newGroup ? 1 : 0
                        request.sweep = sweep.cValue
                        return executable.withCString { path in
                            request.path = path
                            return aurora_spawn(&request, &pid)
                        }
                    }
                }
            }
        }
        guard status == 0 else { throw ChildProcessError.couldNotStart(executable, errorNumber: status) }
        return ChildProcess(pid: pid)
    }

    /// Blocks until the process ends, and reaps it.
    public func waitForExit() -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return Termination(waitStatus: status)
    }

    /// Whether the process has ended (reaps it when it has).
    public func hasExited() -> Bool {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        return result == pid || (result == -1 && errno == ECHILD)
    }

    /// Sends `signal` to the process.
    public func signal(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Sends `signal` to the process group the child leads (started with ``Group/newGroup``): it and its children.
    public func signalGroup(_ signal: Int32) {
        kill(-pid, signal)
    }

    /// Sends `signal`, waits up to `grace`, then kills the process; returns once it is gone and reaped.
    public func terminate(with signal: Int32, grace: Duration) {
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

    /// Opens `path` close-on-exec, for the parent's side of a child's standard stream.
    private static func openDescriptor(
        _ path: String, _ flags: Int32, executable: String
    ) throws(ChildProcessError) -> Int32 {
        let fd = open(path, flags | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ChildProcessError.couldNotStart(executable, errorNumber: errno) }
        return fd
    }
}
