#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ChildProcess {
    /// How a command ended and what it wrote.
    public struct Output: Sendable, Hashable {
        public var termination: Termination
        public var standardOutput: [UInt8]
        public var standardError: [UInt8]
    }

    /// Runs `executable` with `arguments` and exactly `environment` to completion, collecting its standard output
    /// and error. It runs in a process group of its own: when it runs longer than `timeout`, the group (the command
    /// and its children) is killed with SIGKILL and the call throws ``ChildProcessError/Code/timedOut``; when it
    /// writes more than `maxOutputBytes` (standard output and error together), likewise with
    /// ``ChildProcessError/Code/outputTooLarge``.
    ///
    /// Blocks the calling thread: call it from a thread pool, not from the Swift concurrency pool.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], timeout: Duration,
        maxOutputBytes: Int = 64 << 20
    ) throws(ChildProcessError) -> Output {
        try run(
            executable, arguments, environment: environment, timeout: timeout, maxOutputBytes: maxOutputBytes,
            sweep: .automatic)
    }

    /// ``run(_:_:environment:timeout:maxOutputBytes:)`` with the descriptor sweep forced to start at `sweep` (tests).
    package static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], timeout: Duration,
        maxOutputBytes: Int = 64 << 20, sweep: DescriptorSweep
    ) throws(ChildProcessError) -> Output {
        let outPipe = try makePipe(executable)
        let errPipe: (read: Int32, write: Int32)
        do {
            errPipe = try makePipe(executable)
        } catch {
            close(outPipe.read)
            close(outPipe.write)
            throw error
        }
        defer {
            close(outPipe.read)
            close(errPipe.read)
        }
        let child: ChildProcess
        do {
            defer {
                close(outPipe.write)
                close(errPipe.write)
            }
            child = try spawn(
                executable, arguments, environment: environment, output: outPipe.write, error: errPipe.write,
                group: .newGroup, sweep: sweep)
        }

        let collected = collect(outPipe.read, errPipe.read, timeout: timeout, maxBytes: maxOutputBytes)
        if collected.ending != .finished { child.signalGroup(SIGKILL) }
        let termination = child.waitForExit()
        switch collected.ending {
        case .finished:
            return Output(termination: termination, standardOutput: collected.output, standardError: collected.error)
        case .timedOut:
            throw ChildProcessError(
                code: .timedOut, message: "\(executable) did not finish within \(timeout) and was stopped.")
        case .tooMuchOutput:
            throw ChildProcessError(
                code: .outputTooLarge,
                message: "\(executable) wrote more than \(maxOutputBytes) bytes of output and was stopped.")
        }
    }

    private enum CollectionEnding {
        case finished, timedOut, tooMuchOutput
    }

    /// Reads both pipes until both reach end of file, the timeout passes or more than `maxBytes` arrived.
    private static func collect(_ outFD: Int32, _ errFD: Int32, timeout: Duration, maxBytes: Int) -> (
        ending: CollectionEnding, output: [UInt8], error: [UInt8]
    ) {
        var output: [UInt8] = []
        var error: [UInt8] = []
        var open: [Int32] = [outFD, errFD]
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while !open.isEmpty {
            let remaining = clock.now.duration(to: deadline)
            if remaining <= .zero { return (.timedOut, output, error) }
            let milliseconds = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(clamping: max(1, milliseconds)))
            if ready < 0 && errno != EINTR { return (.timedOut, output, error) }
            for entry in fds where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if entry.fd == outFD {
                        output.append(contentsOf: buffer[..<count])
                    } else {
                        error.append(contentsOf: buffer[..<count])
                    }
                    if output.count + error.count > maxBytes { return (.tooMuchOutput, [], []) }
                } else if count == 0 || errno != EINTR {
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        return (.finished, output, error)
    }

    /// A pipe whose two ends are close-on-exec, so other processes spawned meanwhile do not inherit them (the child
    /// gets its end as a standard stream, which clears the flag there).
    private static func makePipe(_ executable: String) throws(ChildProcessError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw ChildProcessError.couldNotStart(executable, errorNumber: errno, step: "could not create a pipe")
        }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return (fds[0], fds[1])
    }
}
