/// The one text normalization for script checksums (so a BOM or CRLF checkout does not change a checksum,
/// the false mismatches of Flyway issue #253).
public enum SQLScriptText {
    /// `text` without a leading UTF-8 BOM, with CRLF and lone CR turned into LF, and without trailing whitespace
    /// (spaces, tabs, line breaks) at the end.
    public static func normalized(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bomLength(bytes)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\r") {
                output.append(UInt8(ascii: "\n"))
                if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
            } else {
                output.append(byte)
            }
            index += 1
        }
        while let last = output.last, SQLLexer.isWhitespace(last) { output.removeLast() }
        return String(decoding: output, as: UTF8.self)
    }

    /// 3 when `bytes` starts with the UTF-8 byte order mark EF BB BF, else 0.
    static func bomLength(_ bytes: [UInt8]) -> Int {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }
}
