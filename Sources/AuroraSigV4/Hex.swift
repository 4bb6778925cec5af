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

    /// The two digits of every byte value, in order: byte `b` is at offset `2 * b`.
    private static let pairs: StaticString = """
        000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f\
        303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f\
        606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f\
        909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf\
        c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef\
        f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
        """

    private static func write(_ bytes: UnsafeRawBufferPointer, to hex: UnsafeMutableBufferPointer<UInt8>) {
        precondition(hex.count >= bytes.count * 2, "a hex buffer holds two digits per byte")
        let pairs = UnsafeRawPointer(Self.pairs.utf8Start)
        let output = UnsafeMutableRawPointer(hex.baseAddress!)
        for (index, byte) in bytes.enumerated() {
            output.storeBytes(
                of: pairs.loadUnaligned(fromByteOffset: 2 * Int(byte), as: UInt16.self), toByteOffset: 2 * index,
                as: UInt16.self)
        }
    }
}
