import Crypto

extension SHA256 {
    /// The digest of `bytes`, fed as one raw buffer: `SHA256.hash(data:)` takes the generic `DataProtocol`
    /// path (region iteration, generic metadata look-ups), which costs more than hashing a short request.
    static func digest(of bytes: [UInt8]) -> SHA256.Digest {
        var hash = SHA256()
        bytes.withUnsafeBytes { hash.update(bufferPointer: $0) }
        return hash.finalize()
    }
}
