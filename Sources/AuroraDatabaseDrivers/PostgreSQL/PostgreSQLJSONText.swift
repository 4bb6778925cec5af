/// `json` and `jsonb` values as Aurora's Data API v2 returns them: compact, with no whitespace between tokens.
///
/// PostgreSQL prints `jsonb` normalized (keys sorted, duplicates dropped, numbers and escapes canonical) with one
/// space after every `:` and `,` (`{"x": 0, "z": [0, 0, 1]}`), and `json` exactly as it was stored. The Data API v2
/// sends both without whitespace between tokens (`{"x":0,"z":[0,0,1]}`; evidence in docs/local-endpoint.md). Only
/// that whitespace goes: keys, their order and duplicates, number spellings and string contents (escapes included)
/// stay as PostgreSQL printed them, so `jsonb` keeps PostgreSQL's normalization and `json` its stored text.
enum PostgreSQLJSONText {
    /// `text` without the whitespace (space, tab, line feed, carriage return) outside strings. `text` is valid
    /// JSON (PostgreSQL checked it on input); anything else is only stripped of that whitespace, never rejected.
    static func compact(_ text: String) -> String {
        let utf8 = text.utf8
        // Most values printed by PostgreSQL's `jsonb` have spaces; a value without any is returned as it is.
        guard utf8.contains(where: isWhitespace) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var inString = false
        var escaped = false
        for byte in utf8 {
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                out.append(byte)
            } else if !isWhitespace(byte) {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// JSON's insignificant whitespace (RFC 8259, section 2).
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
