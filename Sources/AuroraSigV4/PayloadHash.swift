import Crypto

/// The `HashedPayload` line of a canonical request: the body's digest, written as lower-case hex where it is
/// needed (no intermediate array), or given text (`UNSIGNED-PAYLOAD`, an `X-Amz-Content-SHA256` value).
///
/// "Create a signed AWS API request", step 1, `HashedPayload`:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
enum PayloadHash {
    case digest(SHA256.Digest)
    case text([UInt8])

    /// Bytes written by ``write(to:)``.
    var count: Int {
        switch self {
        case .digest: 2 * SHA256.byteCount
        case .text(let text): text.count
        }
    }

    func write(to writer: inout ByteWriter) {
        switch self {
        case .digest(let digest): digest.withUnsafeBytes { Hex.write($0, to: &writer) }
        case .text(let text): writer.write(text)
        }
    }

    /// The value of an `X-Amz-Content-SHA256` header.
    var string: String {
        switch self {
        case .digest(let digest): digest.withUnsafeBytes { Hex.string($0) }
        case .text(let text): String(decoding: text, as: UTF8.self)
        }
    }
}
