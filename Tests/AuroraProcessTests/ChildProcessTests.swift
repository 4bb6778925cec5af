import AuroraProcess
import Foundation
import Glibc
import Testing

/// Real children (`/bin/ls`, `/bin/sh`) started every way the module can start them: the automatic route (here
/// posix_spawn with a closefrom action, as close_range works on this kernel) and the forced fallbacks that take the
/// fork route as on a kernel without close_range (ENOSYS) and on one without /proc too.
@Suite("Child processes")
struct ChildProcessTests {
    /// What a child lists in /proc/self/fd: descriptor number -> what it refers to.
    static func descriptors(inListing listing: String) -> [Int: String] {
        var result: [Int: String] = [:]
        for line in listing.split(separator: "\n") {
            guard let arrow = line.range(of: " -> "),
                let number = line[..<arrow.lowerBound].split(separator: " ").last.flatMap({ Int($0) })
            else { continue }
            result[number] = String(line[arrow.upperBound...])
        }
        return result
    }

    /// Descriptors this process holds open without close-on-exec, as SwiftNIO's sockets are: a file, both ends of
    /// a pipe, a socket, and a copy at a high number (near the limit, for the loop that stops there).
    static func openLeakableDescriptors() throws -> [Int32] {
        let file = open("/dev/null", O_RDONLY)
        var pipeEnds: [Int32] = [-1, -1]
        #expect(pipe(&pipeEnds) == 0)
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        let high = dup2(file, Int32(min(limit.rlim_cur, 4096)) - 1)
        let descriptors = [file, pipeEnds[0], pipeEnds[1], socketFD, high]
        for fd in descriptors {
            try #require(fd > 2)
            try #require(fcntl(fd, F_GETFD) & FD_CLOEXEC == 0, "descriptor \(fd) must be inheritable for the test")
        }
        return descriptors
    }

    @Test("a child sees only descriptors 0, 1 and 2, whatever this process holds open", arguments: DescriptorSweep.allCases)
    func onlyStandardDescriptors(sweep: DescriptorSweep) throws {
        let held = try Self.openLeakableDescriptors()
        defer { held.forEach { close($0) } }

        let output = try ChildProcess.run(
            "/bin/ls", ["-l", "/proc/self/fd/"], environment: ["LC_ALL": "C"], timeout: .seconds(20), sweep: sweep)
        #expect(output.termination == .exited(0), "\(String(decoding: output.standardError, as: UTF8.self))")
        let listing = String(decoding: output.standardOutput, as: UTF8.self)
        let seen = Self.descriptors(inListing: listing)
        #expect(seen[0] == "/dev/null")
        #expect(seen[1]?.hasPrefix("pipe:") == true && seen[2]?.hasPrefix("pipe:") == true)
        // Besides 0-2, only the directory `ls` itself opened to read /proc/self/fd.
        let others = seen.filter { $0.key > 2 }
        #expect(others.count <= 1 && others.values.allSatisfy { $0.hasPrefix("/proc/") && $0.hasSuffix("/fd") }, "\(listing)")
    }

    @Test("a child whose output goes to a log file sees only descriptors 0, 1 and 2", arguments: DescriptorSweep.allCases)
    func onlyStandardDescriptorsWithLog(sweep: DescriptorSweep) throws {
        let held = try Self.openLeakableDescriptors()
        defer { held.forEach { close($0) } }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }

        let child = try ChildProcess.spawn(
            "/bin/ls", ["-l", "/proc/self/fd/"], environment: ["LC_ALL": "C"], logPath: log, group: .inherited,
            sweep: sweep)
        #expect(child.waitForExit() == .exited(0))
        let listing = try String(contentsOfFile: log, encoding: .utf8)
        let seen = Self.descriptors(inListing: listing)
        #expect(seen[0] == "/dev/null")
        #expect(seen[1] == log && seen[2] == log, "\(listing)")
        let others = seen.filter { $0.key > 2 }
        #expect(others.count <= 1 && others.values.allSatisfy { $0.hasPrefix("/proc/") && $0.hasSuffix("/fd") }, "\(listing)")
    }

    @Test("the child gets exactly the environment and arguments given; exit status and signal are reported",
        arguments: DescriptorSweep.allCases)
    func environmentAndTermination(sweep: DescriptorSweep) throws {
        let printed = try ChildProcess.run(
            "/bin/sh", ["-c", "echo \"$0|$1|$ONLY\"; env | grep -v '^PWD=' | sort", "name", "arg one"],
            environment: ["ONLY": "this"], timeout: .seconds(20), sweep: sweep)
        #expect(String(decoding: printed.standardOutput, as: UTF8.self) == "name|arg one|this\nONLY=this\n")

        let failed = try ChildProcess.run(
            "/bin/sh", ["-c", "echo oops >&2; exit 7"], environment: [:], timeout: .seconds(20), sweep: sweep)
        #expect(failed.termination == .exited(7) && failed.termination.shellStatus == 7)
        #expect(String(decoding: failed.standardError, as: UTF8.self) == "oops\n")

        let killed = try ChildProcess.run(
            "/bin/sh", ["-c", "kill -9 $$"], environment: [:], timeout: .seconds(20), sweep: sweep)
        #expect(killed.termination == .signalled(SIGKILL))
        #expect(killed.termination.exitStatus == nil && killed.termination.shellStatus == 128 + SIGKILL)
    }

    @Test("output past the limit (both streams together) kills the group and names the limit; up to it is kept")
    func outputLimit() throws {
        let started = ContinuousClock.now
        #expect {
            try ChildProcess.run(
                "/bin/sh", ["-c", "yes >&2 & yes"], environment: ["PATH": "/usr/bin:/bin"], timeout: .seconds(20),
                maxOutputBytes: 10_000)
        } throws: { error in
            let failure = error as? ChildProcessError
            return failure?.code == .outputTooLarge && failure?.message.contains("more than 10000 bytes") == true
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        let exact = try ChildProcess.run(
            "/bin/sh", ["-c", "head -c 6000 /dev/zero; head -c 4000 /dev/zero >&2"], environment: ["PATH": "/usr/bin:/bin"],
            timeout: .seconds(20), maxOutputBytes: 10_000)
        #expect(exact.standardOutput.count == 6000 && exact.standardError.count == 4000)
    }

    @Test("a missing executable is a start failure naming it, on every route", arguments: DescriptorSweep.allCases)
    func missingExecutable(sweep: DescriptorSweep) throws {
        #expect {
            try ChildProcess.run("/nonexistent/tool", [], environment: [:], timeout: .seconds(5), sweep: sweep)
        } throws: { error in
            let error = error as? ChildProcessError
            return error?.code == .startFailed && error?.reason == "No such file or directory"
                && error?.message == "Could not run /nonexistent/tool: No such file or directory."
        }
    }

    @Test("a new group, a new session, or this process's group", arguments: DescriptorSweep.allCases)
    func groups(sweep: DescriptorSweep) throws {
        for group in [ChildProcess.Group.inherited, .newGroup, .newSession] {
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("group-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: log) }
            let child = try ChildProcess.spawn(
                "/bin/cat", ["/proc/self/stat"], environment: [:], logPath: log, group: group, sweep: sweep)
            #expect(child.waitForExit() == .exited(0))
            // Fields after the command name: state, parent, process group, session.
            let stat = try String(contentsOfFile: log, encoding: .utf8)
            let fields = stat[stat.range(of: ")", options: .backwards)!.upperBound...].split(separator: " ")
            let (processGroup, session) = (Int32(fields[2]), Int32(fields[3]))
            switch group {
            case .inherited: #expect(processGroup == getpgrp() && session == getsid(0))
            case .newGroup: #expect(processGroup == child.pid && session == getsid(0))
            case .newSession: #expect(processGroup == child.pid && session == child.pid)
            }
        }
    }

    @Test("a command past its timeout is killed with its children")
    func timeoutKillsTheGroup() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("timeout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pidFile = directory.appendingPathComponent("child.pid").path
        let started = ContinuousClock.now
        #expect {
            try ChildProcess.run(
                "/bin/sh", ["-c", "sleep 30 & echo $! > \(pidFile); wait"], environment: ["PATH": "/usr/bin:/bin"],
                timeout: .milliseconds(300))
        } throws: { error in
            (error as? ChildProcessError)?.code == .timedOut
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var gone = false
        for _ in 0..<100 where !gone {
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
            gone = stat == nil || stat?.contains(") Z ") == true
            if !gone { usleep(20_000) }
        }
        #expect(gone)
    }
}
