/// ASCII-only case mapping (header names and hosts are ASCII; no Unicode tables needed).
enum ASCII {
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// Lower-cases the ASCII letters of `text`; other bytes are kept.
    static func lowercased(_ text: String) -> String {
        var text = text
        return text.withUTF8 { lowercased($0) }
    }

    static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { output in
            for index in 0..<bytes.count { output[index] = lowercased(bytes[index]) }
            return bytes.count
        }
    }
}
