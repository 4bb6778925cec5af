import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A request shape signed many times: method, URL and headers fixed, body, credentials and time changing. The
/// canonical request lines and header lines are built once; each signature then only hashes the body, merges the
/// headers the signer adds (`x-amz-content-sha256`, `x-amz-date`, `x-amz-security-token`) into the prepared lines
/// and finishes the signature. A Data API client prepares one per operation.
///
/// Implements "Create a signed AWS API request", steps 1 to 5:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
///
/// ```swift
/// let execute = try signer.prepare(method: "POST", url: endpoint + "/Execute",
///                                  headers: [("Content-Type", "application/json")])
/// let signed = execute.sign(body: body, credentials: credentials, date: now)
/// ```
public struct SigV4PreparedRequest: Sendable {
    /// The signer that prepared the request: its service, region and options.
    public let signer: SigV4Signer
    /// `Method \n CanonicalURI \n CanonicalQueryString \n`.
    private let requestLines: [UInt8]
    /// The caller's headers (and `host`): one `name:value\n` line per distinct name, sorted by name.
    private let headerLines: [(name: [UInt8], line: [UInt8])]
    /// The value of the caller's `X-Amz-Content-SHA256` header, used as the payload hash.
    private let payloadHashHeader: [UInt8]?

    init(signer: SigV4Signer, method: String, url: String, headers: [(name: String, value: String)]) throws(SigV4Error) {
        self.signer = signer
        (requestLines, headerLines, payloadHashHeader) = try RequestURL.parse(url) { (bytes, url) throws(SigV4Error) in
            let (headers, payloadHashHeader) = try signer.signingHeaders(headers, host: url.host)
            let requestLines = CanonicalRequest.requestLines(
                method: method, path: UnsafeBufferPointer(rebasing: bytes[url.path]),
                query: url.query.map { CanonicalRequest.parameters(ofQuery: Array(bytes[$0])[...]) } ?? [],
                options: signer.options)
            return (requestLines, CanonicalHeaders(headers).lines, payloadHashHeader)
        }
    }

    /// Signs one request of this shape. See ``SigV4Signer/sign(method:url:headers:body:credentials:date:)``.
    public func sign(body: [UInt8] = [], credentials: AWSCredentials, date: Date) -> SigV4SignedHeaders {
        let options = signer.options
        let amzDate = AmzDate(date)
        let amzDateText = amzDate.text
        let payloadHash = payloadHashHeader.map(PayloadHash.text) ?? signer.hashedPayload(body)
        let contentSHA256 = options.addContentSHA256Header ? payloadHash.string : nil
        let added = AddedHeaders(
            contentSHA256: contentSHA256, amzDate: amzDateText,
            securityToken: options.omitSessionTokenFromSignature ? nil : credentials.sessionToken)

        var headerBytes = 0
        var nameBytes = 0
        for header in headerLines {
            headerBytes += header.line.count
            nameBytes += header.name.count + 1
        }
        added.forEach { name, value in
            headerBytes += name.utf8CodeUnitCount + value.utf8.count + 2
            nameBytes += name.utf8CodeUnitCount + 1
        }
        // One array holds the canonical request, then the string to sign; the signed headers are a slice of it.
        var buffer: [UInt8] = []
        buffer.reserveCapacity(
            requestLines.count + headerBytes + 1 + nameBytes + payloadHash.count + signer.stringToSignCapacity)
        buffer.append(contentsOf: requestLines)
        var signedHeadersRange = 0..<0
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: headerBytes + 1 + nameBytes + payloadHash.count) { scratch in
            var writer = ByteWriter(scratch)
            merge(added, line: { writer.write($0) }, added: { name, value in
                writer.write(name)
                writer.write(UInt8(ascii: ":"))
                var value = value
                value.withUTF8 { CanonicalHeaders.writeTrimmed($0, to: &writer) }
                writer.write(UInt8(ascii: "\n"))
            })
            writer.write(UInt8(ascii: "\n"))
            let start = writer.count
            var first = true
            func separate() {
                if !first { writer.write(UInt8(ascii: ";")) }
                first = false
            }
            merge(added, name: { separate(); writer.write($0) }, added: { name, _ in separate(); writer.write(name) })
            signedHeadersRange = (buffer.count + start)..<(buffer.count + writer.count)
            writer.write(UInt8(ascii: "\n"))
            payloadHash.write(to: &writer)
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<writer.count]))
        }
        let (stringToSignRange, signature) = signer.appendStringToSign(
            to: &buffer, date: amzDate, secretAccessKey: credentials.secretAccessKey)
        let signedHeaders = buffer[signedHeadersRange]
        return SigV4SignedHeaders(
            amzDate: amzDateText, securityToken: credentials.sessionToken, contentSHA256: contentSHA256,
            authorization: signer.authorization(
                accessKeyId: credentials.accessKeyId, date: amzDate, signedHeaders: signedHeaders, signature: signature),
            signedHeaderBytes: signedHeaders, canonicalRequestBytes: buffer[..<stringToSignRange.lowerBound],
            stringToSignBytes: buffer[stringToSignRange])
    }

    /// The prepared headers and the added ones in name order (no name is in both: the signer never takes
    /// these names from the caller, see ``SigV4Signer/signingHeaders(_:host:)``).
    private func merge(
        _ addedHeaders: AddedHeaders, line: (([UInt8]) -> Void)? = nil, name: (([UInt8]) -> Void)? = nil,
        added: (StaticString, String) -> Void
    ) {
        var index = 0
        func flush(before addedName: StaticString?) {
            while index < headerLines.count {
                let header = headerLines[index]
                if let addedName {
                    let precedes = header.name.lexicographicallyPrecedes(
                        UnsafeBufferPointer(start: addedName.utf8Start, count: addedName.utf8CodeUnitCount))
                    guard precedes else { return }
                }
                line?(header.line)
                name?(header.name)
                index += 1
            }
        }
        addedHeaders.forEach { addedName, value in
            flush(before: addedName)
            added(addedName, value)
        }
        flush(before: nil)
    }
}

/// The headers the signer adds to a canonical request, in name order.
private struct AddedHeaders {
    var contentSHA256: String?
    var amzDate: String
    var securityToken: String?

    func forEach(_ body: (StaticString, String) -> Void) {
        if let contentSHA256 { body("x-amz-content-sha256", contentSHA256) }
        body("x-amz-date", amzDate)
        if let securityToken { body("x-amz-security-token", securityToken) }
    }
}

extension SigV4Signer {
    /// Prepares a request shape for signing many times (see ``SigV4PreparedRequest``). Parameters are as for
    /// ``sign(method:url:headers:body:credentials:date:)``.
    public func prepare(method: String, url: String, headers: [(name: String, value: String)] = []) throws(SigV4Error)
        -> SigV4PreparedRequest
    {
        try SigV4PreparedRequest(signer: self, method: method, url: url, headers: headers)
    }
}
