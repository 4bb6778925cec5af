#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `$PAGER` and `$EDITOR` as psql and git do: `/bin/sh -c COMMAND`, so a command with arguments
/// (`less -S`, `code -w`) works. posix_spawn(3) directly: the static `aurora-data` takes FoundationEssentials and
/// libc only, and swift-subprocess needs Foundation.
enum ShellSpawn {
    /// Runs `sh -c command` (`argument` is its `$1`), with `input` on its stdin (else the terminal's), and waits.
    /// - Returns: the exit status (128 + N when killed by signal N), or nil when it could not be started.
    static func run(_ command: String, argument: String? = nil, input: String? = nil) -> Int32? {
        var pipeEnds: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&pipeEnds) == 0 else { return nil }
            _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil {
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], STDIN_FILENO)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        }
        let words = ["/bin/sh", "-c", command] + (argument.map { ["sh", $0] } ?? [])
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { (word: String) in strdup(word) }
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        let started = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments + [nil], environ) == 0
        if let input {
            close(pipeEnds[0])
            if started {
                // A pager quit early closes the pipe: the write fails with EPIPE instead of killing the shell.
                let previous = signal(SIGPIPE, SIG_IGN)
                StandardError.writeAll(input, to: pipeEnds[1])
                signal(SIGPIPE, previous)
            }
            close(pipeEnds[1])
        }
        guard started else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
