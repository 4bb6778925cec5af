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

    @inline(__always)
    private static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") - 10 + value
    }

    private static func write(_ bytes: UnsafeRawBufferPointer, to hex: UnsafeMutableBufferPointer<UInt8>) {
        for (index, byte) in bytes.enumerated() {
            hex[2 * index] = digit(byte >> 4)
            hex[2 * index + 1] = digit(byte & 0x0F)
        }
    }
}
