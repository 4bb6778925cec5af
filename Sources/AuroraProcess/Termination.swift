/// How a child process ended.
public enum Termination: Sendable, Hashable {
    /// It exited with this status (0 to 255).
    case exited(Int32)
    /// A signal ended it.
    case signalled(Int32)

    /// From a `waitpid` status (`WIFEXITED` / `WEXITSTATUS` / `WTERMSIG`, spelled out because Swift does not import
    /// the C macros).
    init(waitStatus status: Int32) {
        self = (status & 0x7f) == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
    }

    /// The exit status, nil when a signal ended the process.
    public var exitStatus: Int32? {
        if case .exited(let status) = self { status } else { nil }
    }

    /// The status as a shell reports it: the exit status, or 128 + the signal number.
    public var shellStatus: Int32 {
        switch self {
        case .exited(let status): status
        case .signalled(let signal): 128 + signal
        }
    }
}
