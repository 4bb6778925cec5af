/// RFC 3986 percent-encoding over UTF-8 bytes, as SigV4 needs it (no `CharacterSet`, so no ICU).
///
/// "Create a signed AWS API request", step 1: "URI-encode each parameter name and value ... Do not
/// URI-encode any of the unreserved characters that RFC 3986 defines: A-Z, a-z, 0-9, hyphen (-),
/// underscore (_), period (.), and tilde (~)", percent-encoding with upper-case hex, space as `%20`.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
enum PercentEncoding {
    static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)

    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Writes `bytes` with every byte outside the unreserved set (and outside `/` when `keepSlash`, and
    /// outside existing `%XX` escapes when `keepEscapes`) as `%XX`. Needs up to 3 bytes of room per byte.
    static func encode(
        _ bytes: UnsafeBufferPointer<UInt8>, keepSlash: Bool = false, keepEscapes: Bool = false,
        into writer: inout ByteWriter
    ) {
        for byte in bytes {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/"))
                || (keepEscapes && byte == UInt8(ascii: "%"))
            {
                writer.write(byte)
            } else {
                writer.write(UInt8(ascii: "%"))
                writer.write(upperHex[Int(byte >> 4)])
                writer.write(upperHex[Int(byte & 0x0F)])
            }
        }
    }

    static func encoded(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let bytes = Array(bytes)
        return ByteWriter.bytes(capacity: bytes.count * 3) { writer in
            bytes.withUnsafeBufferPointer { encode($0, into: &writer) }
        }
    }

    /// Decodes `%XX` escapes (either hex case); a `%` not followed by two hex digits stays literal,
    /// and `+` stays `+` (SigV4 query strings are not form-encoded).
    static func decoded(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "%")) else { return Array(bytes) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
