#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CAuroraSpawn
import NIOPosix

/// Runs a shell command with `posix_spawn`, collecting its standard output and error.
///
/// Used for `credential_process`. Standard input is `/dev/null`; the command runs under `/bin/sh -c` with the
/// given environment. The blocking work happens on NIO's thread pool, not on the Swift concurrency pool.
struct ChildProcess {
    struct Output {
        var exitStatus: Int32
        var standardOutput: [UInt8]
        var standardError: [UInt8]
    }

    var command: String
    var environment: [String: String]
    /// The process and its children (its process group) are killed (SIGKILL) when it runs longer than this.
    var timeout: Duration

    func run() async throws -> Output {
        try await NIOThreadPool.singleton.runIfActive { try runBlocking() }
    }

    private func runBlocking() throws -> Output {
        let outPipe = try Self.makePipe()
        let errPipe: (read: Int32, write: Int32)
        do {
            errPipe = try Self.makePipe()
        } catch {
            close(outPipe.read)
            close(outPipe.write)
            throw error
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe.write, 2)
        // Sockets the host process opened without close-on-exec (NIO's) must not leak into the child: a leaked
        // socket stays open after its owner closes it.
        _ = aurora_spawn_add_close_from(&actions, 3)
        // Own process group, so a timeout stops the command's children too.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        let arguments = ["/bin/sh", "-c", command]
        let environmentLines = environment.map { "\($0.key)=\($0.value)" }
        var pid = pid_t()
        let spawnResult = Self.withCStrings(arguments) { argv in
            Self.withCStrings(environmentLines) { envp in
                posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
            }
        }
        close(outPipe.write)
        close(errPipe.write)
        defer {
            close(outPipe.read)
            close(errPipe.read)
        }
        guard spawnResult == 0 else {
            throw Self.failure("could not start /bin/sh (\(String(cString: strerror(spawnResult))))")
        }

        let collected = Self.collect(outPipe.read, errPipe.read, timeout: timeout)
        if !collected.finished { kill(-pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard collected.finished else {
            throw Self.failure("did not finish within \(timeout) and was stopped")
        }
        // WIFEXITED / WEXITSTATUS, spelled out because the C macros are not imported.
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Output(exitStatus: exitStatus, standardOutput: collected.output, standardError: collected.error)
    }

    /// Reads both pipes until both reach end of file or the timeout passes.
    private static func collect(_ outFD: Int32, _ errFD: Int32, timeout: Duration) -> (
        finished: Bool, output: [UInt8], error: [UInt8]
    ) {
        var output: [UInt8] = []
        var error: [UInt8] = []
        var open: [Int32] = [outFD, errFD]
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while !open.isEmpty {
            let remaining = clock.now.duration(to: deadline)
            if remaining <= .zero { return (false, output, error) }
            let milliseconds = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(clamping: max(1, milliseconds)))
            if ready < 0 && errno != EINTR { return (false, output, error) }
            for entry in fds where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if entry.fd == outFD {
                        output.append(contentsOf: buffer[..<count])
                    } else {
                        error.append(contentsOf: buffer[..<count])
                    }
                } else if count == 0 || errno != EINTR {
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        return (true, output, error)
    }

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw failure("could not create a pipe (\(String(cString: strerror(errno))))")
        }
        // Keep the parent's ends out of other processes spawned meanwhile; dup2 clears the flag in the child.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return (fds[0], fds[1])
    }

    /// Calls `body` with a NULL-terminated array of C strings that lives for the duration of the call.
    private static func withCStrings<Result>(
        _ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result
    ) -> Result {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }

    private static func failure(_ problem: String) -> AWSConfigurationError {
        AWSConfigurationError(code: .credentialSourceFailed, message: "credential_process \(problem).")
    }
}
