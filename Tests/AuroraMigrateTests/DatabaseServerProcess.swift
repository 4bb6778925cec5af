import Foundation

/// The operating-system process of a test's own database server (found by its data directory in
/// `/proc/<pid>/cmdline`), so a test can kill it with SIGKILL mid-run and start it again on the same data.
struct DatabaseServerProcess {
    let pid: Int32
    let arguments: [String]
    let uid: String
    let gid: String

    /// The server whose command line names `directory`/data.
    static func find(directory: String) throws -> DatabaseServerProcess {
        let dataDirectory = directory + "/data"
        let pids = try FileManager.default.contentsOfDirectory(atPath: "/proc").compactMap(Int32.init).sorted()
        for pid in pids {
            let arguments = commandLine(pid)
            guard arguments.contains(where: { $0.hasSuffix(dataDirectory) }),
                arguments.first.map({ !$0.hasSuffix("setpriv") }) ?? false,
                let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
            else { continue }
            func field(_ name: String) -> String {
                status.split(separator: "\n").first { $0.hasPrefix(name + ":") }?
                    .split(separator: "\t").dropFirst().first.map(String.init) ?? "0"
            }
            return DatabaseServerProcess(pid: pid, arguments: arguments, uid: field("Uid"), gid: field("Gid"))
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "no server process for \(directory)"])
    }

    private static func commandLine(_ pid: Int32) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func parent(of pid: Int32) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? Int32(fields[1]) : nil
    }

    /// SIGKILL to the server and its children (PostgreSQL backends); returns when they are gone.
    func kill() async throws {
        let children = try FileManager.default.contentsOfDirectory(atPath: "/proc").compactMap(Int32.init)
            .filter { Self.parent(of: $0) == pid }
        Foundation.kill(pid, SIGKILL)
        for child in children { Foundation.kill(child, SIGKILL) }
        // The server is a child of this test process: reap it, or its zombie keeps the PID alive and PostgreSQL
        // refuses to start again ("lock file postmaster.pid already exists").
        var status: Int32 = 0
        for _ in 0..<100 where waitpid(pid, &status, WNOHANG) == 0 {
            try await Task.sleep(for: .milliseconds(50))
        }
        for _ in 0..<100 where ([pid] + children).contains(where: { FileManager.default.fileExists(atPath: "/proc/\($0)/cmdline") && Self.parent(of: $0) != nil && !Self.isZombie($0) }) {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    private static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")")
        else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }

    /// Starts the same server command again as the same user, on the same data and port.
    func restart() throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", "--"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
