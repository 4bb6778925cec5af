import Crypto
import Synchronization

/// Derived signing keys, cached per (secret key, day) for one region and service, shared by all copies of a
/// signer or verifier and safe to use from any thread.
///
/// "Create a signed AWS API request", step 4 (derive the signing key):
/// `kDate = HMAC("AWS4" + secret, YYYYMMDD)`, `kRegion`, `kService`, `kSigning = HMAC(kService, "aws4_request")`.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
///
/// What is cached is a ``SigningKey``: `kSigning` with its HMAC pad blocks already hashed, so they are hashed
/// once per day rather than once per signature.
final class SigningKeyCache: Sendable {
    private struct Key: Hashable {
        var secretAccessKey: String
        var day: Int64
    }

    /// More distinct keys than this (key rotation, many tenants on a local endpoint) empties the cache.
    private static let capacity = 64

    let region: String
    let service: String
    private let state = Mutex(State())

    private struct State {
        /// The key used last: the usual case is one credential signing many requests on the same day.
        var last: (key: Key, signingKey: SigningKey)?
        var entries: [Key: SigningKey] = [:]
    }

    init(region: String, service: String) {
        self.region = region
        self.service = service
    }

    /// The signing key for `secretAccessKey` on the day of `date`.
    func signingKey(secretAccessKey: String, date: AmzDate) -> SigningKey {
        let key = Key(secretAccessKey: secretAccessKey, day: date.day)
        let cached = state.withLock { state -> SigningKey? in
            if let last = state.last, last.key.day == key.day, last.key.secretAccessKey == key.secretAccessKey {
                return last.signingKey
            }
            guard let signingKey = state.entries[key] else { return nil }
            state.last = (key, signingKey)
            return signingKey
        }
        if let cached { return cached }
        let derived = SigningKey(deriveSigningKey(secretAccessKey: secretAccessKey, date: date))
        state.withLock { state in
            if state.entries.count >= Self.capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = derived
            state.last = (key, derived)
        }
        return derived
    }

    private func deriveSigningKey(secretAccessKey: String, date: AmzDate) -> SymmetricKey {
        func hmac(_ key: SymmetricKey, _ message: some Sequence<UInt8>) -> SymmetricKey {
            SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(message), using: key))
        }
        let secret = SymmetricKey(data: Array("AWS4\(secretAccessKey)".utf8))
        let dateKey = hmac(secret, date.scopeDate.utf8)
        let regionKey = hmac(dateKey, region.utf8)
        let serviceKey = hmac(regionKey, service.utf8)
        return hmac(serviceKey, "aws4_request".utf8)
    }
}
