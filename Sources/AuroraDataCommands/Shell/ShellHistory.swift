#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines typed in `aurora-data shell`, kept across sessions in `$XDG_STATE_HOME/aurora-data/history` (else
/// `~/.local/state/aurora-data/history`), a file only its owner can read (mode 0600): statements may hold data.
struct ShellHistory {
    private(set) var entries: [String] = []
    /// Nil keeps the history in memory only.
    let path: String?
    static let limit = 1000

    /// The history file's path for `environment`, or nil without `XDG_STATE_HOME` and `HOME`.
    static func path(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/aurora-data/history" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/aurora-data/history"
    }

    /// Loads the file at `path` (one entry a line); a missing or unreadable file starts an empty history.
    init(path: String?) {
        self.path = path
        guard let path, let descriptor = Optional(open(path, O_RDONLY | O_CLOEXEC)), descriptor >= 0 else { return }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        entries = bytes.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
            .suffix(Self.limit).map { $0 }
    }

    /// Adds a non-blank line (not a repeat of the last one) and appends it to the file.
    mutating func add(_ line: String) {
        guard line.contains(where: { !$0.isWhitespace }), line != entries.last else { return }
        entries.append(line)
        if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
        guard let path else { return }
        Self.makeParentDirectories(of: path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        fchmod(descriptor, 0o600)
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    private static func makeParentDirectories(of path: String) {
        var prefix = ""
        for component in path.split(separator: "/").dropLast() {
            prefix += "/" + component
            mkdir(prefix, 0o700)
        }
    }
}
