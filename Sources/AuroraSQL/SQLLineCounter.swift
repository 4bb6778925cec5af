/// Turns UTF-8 offsets into 1-based line numbers. Offsets asked for must not decrease, so a whole script costs
/// one pass. A line ends at LF, CRLF or a lone CR (the same breaks `SQLScriptText.normalized` turns into LF).
struct SQLLineCounter {
    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The line of the byte at `target` (`target` ≥ every offset asked for before).
    mutating func line(at target: Int) -> Int {
        while offset < target {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && !next(is: UInt8(ascii: "\n"))) { line += 1 }
            offset += 1
        }
        return line
    }

    /// The line of the byte at `target`, counted from the start.
    static func line(at target: Int, in bytes: [UInt8]) -> Int {
        var counter = SQLLineCounter(bytes: bytes)
        return counter.line(at: target)
    }

    private func next(is byte: UInt8) -> Bool {
        offset + 1 < bytes.count && bytes[offset + 1] == byte
    }
}
