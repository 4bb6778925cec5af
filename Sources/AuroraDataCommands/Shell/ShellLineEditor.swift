#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A small line editor for the terminal (no library: none in the package mirror fits the static, Foundation-free
/// build). The terminal is in raw mode only while a line is read. Keys: printable text, Backspace, Left/Right,
/// Home/End and Ctrl-A/Ctrl-E, Up/Down through the history, Ctrl-R searches it backwards (Enter runs the match,
/// Esc keeps it for editing, Ctrl-G gives up), Ctrl-U clears the line, Ctrl-C abandons it,
/// Ctrl-D on an empty line ends the session, Enter accepts the line.
struct ShellLineEditor: ShellLineSource {
    var history: ShellHistory
    /// Asked about twice a second while the editor waits for a key; a text it returns is shown above the prompt
    /// (the idle-transaction warning).
    var notice: (() -> String?)?
    let input: Int32
    let output: Int32

    init(history: ShellHistory, input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        self.history = history
        self.input = input
        self.output = output
    }

    mutating func nextLine(prompt: String) -> String? {
        var saved = termios()
        let isTerminal = tcgetattr(input, &saved) == 0
        if isTerminal {
            var raw = saved
            raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
            raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
            tcsetattr(input, TCSANOW, &raw)
        }
        defer { if isTerminal { tcsetattr(input, TCSANOW, &saved) } }
        var line: [Character] = []
        var cursor = 0
        var historyIndex = history.entries.count
        var draft: [Character] = []
        redraw(prompt, line, cursor)
        while let byte = readByte(idle: {
            guard let text = notice?() else { return }
            write("\r\u{1b}[K" + text + "\r\n")
            redraw(prompt, line, cursor)
        }) {
            switch byte {
            case 0x0d, 0x0a:
                write("\r\n")
                let text = String(line)
                history.add(text)
                return text
            case 0x04 where line.isEmpty:
                write("\r\n")
                return nil
            case 0x03:
                write("^C\r\n")
                line = []
                cursor = 0
            case 0x7f, 0x08:
                if cursor > 0 {
                    line.remove(at: cursor - 1)
                    cursor -= 1
                }
            case 0x12:
                guard let (found, accept) = reverseSearch() else { break }
                line = Array(found)
                cursor = line.count
                if accept {
                    redraw(prompt, line, cursor)
                    write("\r\n")
                    history.add(found)
                    return found
                }
            case 0x01: cursor = 0
            case 0x05: cursor = line.count
            case 0x15:
                line = []
                cursor = 0
            case 0x1b:
                guard readByte() == UInt8(ascii: "["), let key = readByte() else { continue }
                switch key {
                case UInt8(ascii: "A"), UInt8(ascii: "B"):
                    let up = key == UInt8(ascii: "A")
                    if historyIndex == history.entries.count { draft = line }
                    historyIndex = up ? max(0, historyIndex - 1) : min(history.entries.count, historyIndex + 1)
                    line = historyIndex == history.entries.count ? draft : Array(history.entries[historyIndex])
                    cursor = line.count
                case UInt8(ascii: "C"): cursor = min(line.count, cursor + 1)
                case UInt8(ascii: "D"): cursor = max(0, cursor - 1)
                case UInt8(ascii: "H"): cursor = 0
                case UInt8(ascii: "F"): cursor = line.count
                default: break
                }
            case 0x20...:
                var bytes = [byte]
                // The rest of a UTF-8 sequence.
                let extra = byte >= 0xf0 ? 3 : byte >= 0xe0 ? 2 : byte >= 0xc0 ? 1 : 0
                for _ in 0..<extra { if let next = readByte() { bytes.append(next) } }
                for character in String(decoding: bytes, as: UTF8.self) {
                    line.insert(character, at: cursor)
                    cursor += 1
                }
            default:
                break
            }
            redraw(prompt, line, cursor)
        }
        return line.isEmpty ? nil : String(line)
    }

    /// Ctrl-R: the newest entry holding the typed text; Ctrl-R again looks further back. Returns the match and
    /// whether Enter accepted it, or nil when given up (Ctrl-G, Ctrl-C) or nothing matched.
    private func reverseSearch() -> (String, Bool)? {
        var query = ""
        var index = history.entries.count
        var match: String?
        func find(from start: Int) {
            var candidate = start - 1
            while candidate >= 0, !query.isEmpty, !history.entries[candidate].contains(query) { candidate -= 1 }
            if candidate >= 0, !query.isEmpty {
                index = candidate
                match = history.entries[candidate]
            }
        }
        while true {
            write("\r(reverse-i-search)`\(query)': \(match ?? "")\u{1b}[K")
            guard let byte = readByte() else { return nil }
            switch byte {
            case 0x0d, 0x0a: return match.map { ($0, true) }
            case 0x07, 0x03: return nil
            case 0x1b: return match.map { ($0, false) }
            case 0x12: find(from: index)
            case 0x7f, 0x08:
                if !query.isEmpty { query.removeLast() }
                index = history.entries.count
                match = nil
                find(from: index)
            case 0x20..<0x7f:
                query.append(Character(Unicode.Scalar(byte)))
                find(from: min(history.entries.count, index + 1))
            default: break
            }
        }
    }

    /// Rewrites the prompt and the line, then puts the cursor back in place.
    private func redraw(_ prompt: String, _ line: [Character], _ cursor: Int) {
        var text = "\r" + prompt + String(line) + "\u{1b}[K"
        let back = line[cursor...].count
        if back > 0 { text += "\u{1b}[\(back)D" }
        write(text)
    }

    /// The next byte typed; `idle` runs each half second without one (only when there is a ``notice``).
    private func readByte(idle: () -> Void = {}) -> UInt8? {
        var byte: UInt8 = 0
        while true {
            if notice != nil {
                var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
                let ready = poll(&descriptor, 1, 500)
                if ready == 0 || (ready < 0 && errno == EINTR) {
                    idle()
                    continue
                }
            }
            let count = read(input, &byte, 1)
            if count == 1 { return byte }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    private func write(_ text: String) {
        StandardError.writeAll(text, to: output)
    }
}

