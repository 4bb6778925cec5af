import Crypto

/// The derived signing key, ready to sign: HMAC-SHA256 (RFC 2104) with the inner and outer pad blocks already
/// hashed, so each signature costs two SHA-256 finalizations and no key setup or generic dispatch.
///
/// "Create a signed AWS API request", step 4: `signature = hex(HMAC-SHA256(kSigning, StringToSign))`.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
struct SigningKey: Sendable {
    private let inner: SHA256
    private let outer: SHA256

    /// `key` is `kSigning`, 32 bytes (HMAC keys up to the 64-byte block size are used as they are).
    init(_ key: SymmetricKey) {
        var block = [UInt8](repeating: 0, count: 64)
        key.withUnsafeBytes { key in
            precondition(key.count <= 64, "a signing key is a 32-byte HMAC-SHA256 output")
            block.replaceSubrange(0..<key.count, with: key)
        }
        var inner = SHA256()
        inner.update(data: block.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(data: block.map { $0 ^ 0x5C })
        self.inner = inner
        self.outer = outer
    }

    func authenticationCode(for message: ArraySlice<UInt8>) -> SHA256.Digest {
        var inner = self.inner
        message.withUnsafeBytes { inner.update(bufferPointer: $0) }
        let innerDigest = inner.finalize()
        var outer = self.outer
        innerDigest.withUnsafeBytes { outer.update(bufferPointer: $0) }
        return outer.finalize()
    }
}
