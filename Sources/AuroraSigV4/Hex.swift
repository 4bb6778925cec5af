/// Lower-case hex, as SigV4 writes hashes and signatures.
enum Hex {
    /// Writes the hex of `bytes` (a digest) straight into `writer`, without an intermediate buffer.
    static func write(_ bytes: UnsafeRawBufferPointer, to writer: inout ByteWriter) {
        writer.write(count: bytes.count * 2) { write(bytes, to: $0) }
    }

    static func lowercase(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count * 2) { hex, initialized in
            write(bytes, to: hex)
            initialized = bytes.count * 2
        }
    }

    static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { hex in
            write(bytes, to: hex)
            return bytes.count * 2
        }
    }

    private static func write(_ bytes: UnsafeRawBufferPointer, to hex: UnsafeMutableBufferPointer<UInt8>) {
        precondition(hex.count >= bytes.count * 2, "a hex buffer holds two digits per byte")
        let table: StaticString = "0123456789abcdef"
        let digits = UnsafeRawPointer(table.utf8Start)
        var index = 0
        for byte in bytes {
            // Both nibbles are below 16, inside the 16-byte table.
            hex[index] = digits.load(fromByteOffset: Int(byte >> 4), as: UInt8.self)
            hex[index + 1] = digits.load(fromByteOffset: Int(byte & 0x0F), as: UInt8.self)
            index += 2
        }
    }
}
