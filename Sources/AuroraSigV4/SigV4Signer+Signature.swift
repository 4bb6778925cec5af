import Crypto

extension SigV4Signer {
    /// Headers never signed: hop-by-hop headers and others that proxies add or change (botocore
    /// `SIGNED_HEADERS_BLACKLIST`), and the ones the signer itself sets. `name` is lower-case.
    static func isUnsigned(_ name: String) -> Bool {
        switch name.utf8.count {
        case 2: name == "te"
        case 6: name == "expect"
        case 7: name == "upgrade" || name == "trailer"
        case 10: name == "connection" || name == "keep-alive" || name == "user-agent" || name == "x-amz-date"
        case 13: name == "authorization"
        case 15: name == "x-amzn-trace-id"
        case 17: name == "transfer-encoding"
        case 18: name == "proxy-authenticate"
        case 19: name == "proxy-authorization"
        case 20: name == "x-amz-security-token"
        default: false
        }
    }

    /// Lower-cases and filters the caller's headers, adding `host` from the URL when absent; also returns the
    /// payload hash of an `X-Amz-Content-SHA256` header.
    func signingHeaders(_ headers: [(name: String, value: String)], host: String) throws(SigV4Error)
        -> (headers: [CanonicalHeaders.Header], payloadHash: [UInt8]?)
    {
        var result: (headers: [CanonicalHeaders.Header], payloadHash: [UInt8]?) = ([], nil)
        result.headers.reserveCapacity(headers.count + 4)
        var hasHost = false
        for header in headers {
            let name = try Self.lowercasedName(header.name)
            if Self.isUnsigned(name) { continue }
            if name == "x-amz-content-sha256" {
                if options.addContentSHA256Header { continue }
                result.payloadHash = CanonicalHeaders.trimmed(header.value)
            }
            if name == "host" { hasHost = true }
            result.headers.append(.init(name: name, value: header.value))
        }
        if !hasHost { result.headers.append(.init(name: "host", value: host)) }
        return result
    }

    /// Header names are HTTP tokens: visible ASCII without `:`. Already lower-case names are returned as is.
    static func lowercasedName(_ name: String) throws(SigV4Error) -> String {
        var hasUpper = false
        for byte in name.utf8 {
            guard byte > 0x20, byte < 0x7F, byte != UInt8(ascii: ":") else {
                throw SigV4Error(
                    code: .invalidHeader,
                    message: "header name '\(name)' is not a valid HTTP header name (visible ASCII without ':')")
            }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { hasUpper = true }
        }
        guard !name.isEmpty else {
            throw SigV4Error(code: .invalidHeader, message: "a header has an empty name")
        }
        return hasUpper ? ASCII.lowercased(name) : name
    }

    /// Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD` when the options say so.
    func hashedPayload(_ body: [UInt8]) -> PayloadHash {
        if options.unsignedPayload { return .text(Array("UNSIGNED-PAYLOAD".utf8)) }
        return .digest(SHA256.digest(of: body))
    }

    /// `<access key id>/<YYYYMMDD>/<region>/<service>/aws4_request`.
    func appendCredential(accessKeyId: String, date: AmzDate, to output: inout [UInt8]) {
        output.append(contentsOf: accessKeyId.utf8)
        output.append(UInt8(ascii: "/"))
        output.append(contentsOf: date.scopeDate.utf8)
        output.append(contentsOf: scopeSuffix)
    }

    /// Steps 2 to 4 of "Create a signed AWS API request": hash the canonical request, build the string to sign
    /// (`AWS4-HMAC-SHA256 \n <amz date> \n <scope> \n <hex hash>`), and HMAC it with the (cached) signing key.
    func computeSignature(canonicalRequest: [UInt8], date: AmzDate, secretAccessKey: String)
        -> (stringToSign: [UInt8], signature: SHA256.Digest)
    {
        let canonicalRequestHash = SHA256.digest(of: canonicalRequest)
        let stringToSign = ByteWriter.bytes(capacity: stringToSignCapacity) { writer in
            writeStringToSign(canonicalRequestHash: canonicalRequestHash, date: date, to: &writer)
        }
        return (stringToSign, signature(of: stringToSign[...], date: date, secretAccessKey: secretAccessKey))
    }

    /// ``computeSignature(canonicalRequest:date:secretAccessKey:)`` for a buffer that holds the canonical request
    /// and room for ``stringToSignCapacity`` more bytes: the string to sign is appended to it (one array for both).
    /// Returns where the string to sign lies in `buffer`.
    func appendStringToSign(to buffer: inout [UInt8], date: AmzDate, secretAccessKey: String)
        -> (stringToSign: Range<Int>, signature: SHA256.Digest)
    {
        let canonicalRequestHash = SHA256.digest(of: buffer)
        let start = buffer.count
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: stringToSignCapacity) { scratch in
            var writer = ByteWriter(scratch)
            writeStringToSign(canonicalRequestHash: canonicalRequestHash, date: date, to: &writer)
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<writer.count]))
        }
        let range = start..<buffer.count
        return (range, signature(of: buffer[range], date: date, secretAccessKey: secretAccessKey))
    }

    /// Room needed by a string to sign.
    var stringToSignCapacity: Int { 17 + 16 + 1 + 8 + scopeSuffix.count + 1 + 2 * SHA256.byteCount }

    private func writeStringToSign(canonicalRequestHash: SHA256.Digest, date: AmzDate, to writer: inout ByteWriter) {
        writer.write("AWS4-HMAC-SHA256\n")
        writer.write(date.text)
        writer.write(UInt8(ascii: "\n"))
        writer.write(date.scopeDate)
        writer.write(scopeSuffix)
        writer.write(UInt8(ascii: "\n"))
        canonicalRequestHash.withUnsafeBytes { Hex.write($0, to: &writer) }
    }

    private func signature(of stringToSign: ArraySlice<UInt8>, date: AmzDate, secretAccessKey: String) -> SHA256.Digest {
        keyCache.signingKey(secretAccessKey: secretAccessKey, date: date).authenticationCode(for: stringToSign)
    }

    /// `AWS4-HMAC-SHA256 Credential=<credential>, SignedHeaders=<names>, Signature=<hex>`, written in one go
    /// (the hex signature too: ``SigV4SignedHeaders/signature`` is read back from its end).
    func authorization(
        accessKeyId: String, date: AmzDate, signedHeaders: ArraySlice<UInt8>, signature: SHA256.Digest
    ) -> String {
        let capacity = 28 + accessKeyId.utf8.count + 1 + 8 + scopeSuffix.count + 16 + signedHeaders.count + 12
            + 2 * SHA256.byteCount
        return String(unsafeUninitializedCapacity: capacity) { output in
            var writer = ByteWriter(output)
            writer.write("AWS4-HMAC-SHA256 Credential=")
            writer.write(accessKeyId)
            writer.write("/")
            writer.write(date.scopeDate)
            writer.write(scopeSuffix)
            writer.write(", SignedHeaders=")
            writer.write(signedHeaders)
            writer.write(", Signature=")
            signature.withUnsafeBytes { Hex.write($0, to: &writer) }
            return writer.count
        }
    }
}
