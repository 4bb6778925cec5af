import AuroraSQL

// TEMPORARY: stands in for AuroraSQL's `SQLScanner.placeholders(in:dialect:)` until H6a lands it; deleted then.
enum PendingSQLScanner {
    static func placeholders(in sql: String, dialect: SQLDialect) -> [SQLPlaceholder] {
        let bytes = Array(sql.utf8)
        var found: [SQLPlaceholder] = []
        var index = 0
        func isWordStart(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte >= 0x80
        }
        func isWord(_ byte: UInt8) -> Bool { isWordStart(byte) || (byte >= 0x30 && byte <= 0x39) }
        func skipQuoted(_ quote: UInt8, backslash: Bool) {
            index += 1
            while index < bytes.count {
                if backslash && bytes[index] == 0x5C { index += 2; continue }
                if bytes[index] == quote {
                    if index + 1 < bytes.count && bytes[index + 1] == quote { index += 2; continue }
                    index += 1
                    return
                }
                index += 1
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            switch byte {
            case UInt8(ascii: "'"):
                let escaped = dialect == .mysql
                    || (index > 0 && (bytes[index - 1] == UInt8(ascii: "E") || bytes[index - 1] == UInt8(ascii: "e")))
                skipQuoted(byte, backslash: escaped)
            case UInt8(ascii: "\""):
                skipQuoted(byte, backslash: dialect == .mysql)
            case UInt8(ascii: "`") where dialect == .mysql:
                skipQuoted(byte, backslash: false)
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"), UInt8(ascii: "#") where dialect == .mysql:
                while index < bytes.count && bytes[index] != 0x0A { index += 1 }
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                var depth = 0
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "/") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*") {
                        depth += dialect == .postgresql || depth == 0 ? 1 : 0
                        index += 2
                    } else if bytes[index] == UInt8(ascii: "*") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/") {
                        depth -= 1
                        index += 2
                        if depth == 0 { break }
                    } else {
                        index += 1
                    }
                }
            case UInt8(ascii: "$") where dialect == .postgresql && (index == 0 || !isWord(bytes[index - 1])):
                var end = index + 1
                while end < bytes.count && isWord(bytes[end]) && !(bytes[end] >= 0x30 && bytes[end] <= 0x39 && end == index + 1) {
                    end += 1
                }
                guard end < bytes.count, bytes[end] == UInt8(ascii: "$") else { index += 1; continue }
                let tag = Array(bytes[index...end])
                index = end + 1
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "$") && index + tag.count <= bytes.count
                        && Array(bytes[index..<(index + tag.count)]) == tag {
                        index += tag.count
                        break
                    }
                    index += 1
                }
            case UInt8(ascii: ":") where next == UInt8(ascii: ":"):
                index += 2
            case UInt8(ascii: ":") where isWordStart(next) && (index == 0 || !isWord(bytes[index - 1])):
                var end = index + 1
                while end < bytes.count && isWord(bytes[end]) { end += 1 }
                found.append(SQLPlaceholder(name: String(decoding: bytes[(index + 1)..<end], as: UTF8.self), utf8Range: index..<end))
                index = end
            default:
                if isWord(byte) {
                    while index < bytes.count && isWord(bytes[index]) { index += 1 }
                } else {
                    index += 1
                }
            }
        }
        return found
    }
}
