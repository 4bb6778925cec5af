#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the shell's lines come from: a script (prompt ignored) or the line editor on a terminal.
protocol ShellLineSource {
    /// The next line without its line break, or nil at the end of the input.
    mutating func nextLine(prompt: String) -> String?
}

/// Lines from a file descriptor, read as they arrive (a pipe runs each statement as soon as its line is in), or
/// from a text already in memory. Lines end at LF; a CR before it is dropped.
struct ShellLineReader: ShellLineSource {
    private var descriptor: Int32?
    private var pending: [UInt8] = []
    private var finished = false
    private var ownsDescriptor = false

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// A reader of the file at `path`, or nil when it cannot be opened (`errno` says why).
    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        ownsDescriptor = true
    }

    init(text: String) {
        pending = Array(text.utf8)
        finished = true
    }

    mutating func nextLine(prompt: String) -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = pending[..<newline]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                let text = String(decoding: line, as: UTF8.self)
                pending.removeSubrange(...newline)
                return text
            }
            if finished || descriptor == nil {
                guard !pending.isEmpty else { return nil }
                defer { pending = [] }
                return String(decoding: pending, as: UTF8.self)
            }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = read(descriptor!, &buffer, buffer.count)
            if count > 0 {
                pending.append(contentsOf: buffer[0..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                finished = true
                if ownsDescriptor { close(descriptor!) }
            }
        }
    }
}
