/// Builds the canonical request over bytes.
///
/// "Create a signed AWS API request", step 1 (create a canonical request):
/// `Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedPayload`.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
enum CanonicalRequest {
    /// An encoded query parameter, ready to sort.
    typealias QueryParameter = (key: [UInt8], value: [UInt8])

    /// The whole canonical request. `path` is the path as on the wire (percent-encoded, no query).
    static func build(
        method: String, path: UnsafeBufferPointer<UInt8>, query: [QueryParameter], headers: CanonicalHeaders,
        payloadHash: PayloadHash, options: SigV4Signer.Options
    ) -> [UInt8] {
        requestLines(method: method, path: path, query: query, options: options)
            + ByteWriter.bytes(capacity: headers.capacity + 1 + headers.signedHeadersCount + 1 + payloadHash.count) {
                writer in
                headers.write(to: &writer)
                writer.write(UInt8(ascii: "\n"))
                headers.writeSignedHeaders(to: &writer)
                writer.write(UInt8(ascii: "\n"))
                payloadHash.write(to: &writer)
            }
    }

    /// `Method \n CanonicalURI \n CanonicalQueryString \n`, the lines before the headers, with the path normalized
    /// first when the options ask for it.
    static func requestLines(
        method: String, path: UnsafeBufferPointer<UInt8>, query: [QueryParameter], options: SigV4Signer.Options
    ) -> [UInt8] {
        if options.normalizePath && needsNormalization(path) {
            return normalized(path).withUnsafeBufferPointer { normalizedPath in
                ByteWriter.bytes(capacity: requestLinesCapacity(method: method, path: normalizedPath, query: query)) {
                    writeRequestLines(method: method, path: normalizedPath, query: query, options: options, to: &$0)
                }
            }
        }
        return ByteWriter.bytes(capacity: requestLinesCapacity(method: method, path: path, query: query)) {
            writeRequestLines(method: method, path: path, query: query, options: options, to: &$0)
        }
    }

    private static func writeRequestLines(
        method: String, path: UnsafeBufferPointer<UInt8>, query: [QueryParameter], options: SigV4Signer.Options,
        to writer: inout ByteWriter
    ) {
        writer.write(method)
        writer.write(UInt8(ascii: "\n"))
        writeURI(path: path, options: options, to: &writer)
        writer.write(UInt8(ascii: "\n"))
        writeQuery(query, to: &writer)
        writer.write(UInt8(ascii: "\n"))
    }

    /// Room needed by ``writeRequestLines(method:path:query:options:to:)``.
    private static func requestLinesCapacity(method: String, path: UnsafeBufferPointer<UInt8>, query: [QueryParameter]) -> Int {
        method.utf8.count + 1 + max(1, path.count * 3) + 1 + capacity(of: query) + 1
    }

    /// Canonical URI of an (already normalized, when asked for) wire path: URI-encoded once more when
    /// `doubleURIEncode` (`%` becomes `%25`), otherwise only raw bytes outside the unreserved set are encoded.
    /// An empty path is `/`.
    private static func writeURI(
        path: UnsafeBufferPointer<UInt8>, options: SigV4Signer.Options, to writer: inout ByteWriter
    ) {
        guard !path.isEmpty else { return writer.write(UInt8(ascii: "/")) }
        PercentEncoding.encode(path, keepSlash: true, keepEscapes: !options.doubleURIEncode, into: &writer)
    }

    /// True when the path has an empty, `.` or `..` segment, or does not start with `/`.
    private static func needsNormalization(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        guard path.first == UInt8(ascii: "/") else { return true }
        var previous = UInt8(ascii: "/")
        for byte in path.dropFirst() {
            if previous == UInt8(ascii: "/") && (byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")) {
                return true
            }
            previous = byte
        }
        return false
    }

    /// RFC 3986 dot-segment removal as botocore (`remove_dot_segments`) and aws-c-auth do it: drop empty and
    /// `.` segments, `..` removes the previous one; the result starts with `/` and ends with `/` only when
    /// the input did and something is left.
    static func normalized(_ path: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var segments: [Slice<UnsafeBufferPointer<UInt8>>] = []
        for segment in path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if segment.elementsEqual(".".utf8) { continue }
            if segment.elementsEqual("..".utf8) {
                _ = segments.popLast()
            } else {
                segments.append(segment)
            }
        }
        var output: [UInt8] = [UInt8(ascii: "/")]
        for (index, segment) in segments.enumerated() {
            if index > 0 { output.append(UInt8(ascii: "/")) }
            output.append(contentsOf: segment)
        }
        if path.last == UInt8(ascii: "/") && !segments.isEmpty { output.append(UInt8(ascii: "/")) }
        return output
    }

    /// Splits a raw query string into parameters, decoding each name and value and encoding it again with
    /// the strict SigV4 set (so `%7e`, `~` and `%7E` all sign as `~`). A bare `name` becomes `name=`;
    /// empty components (`a=1&&b=2`) are skipped, as aws-c-auth does.
    static func parameters(ofQuery query: ArraySlice<UInt8>) -> [QueryParameter] {
        var parameters: [QueryParameter] = []
        for component in query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = component.firstIndex(of: UInt8(ascii: "="))
            let key = component[component.startIndex..<(equals ?? component.endIndex)]
            let value = equals.map { component[($0 + 1)...] } ?? []
            parameters.append(
                (PercentEncoding.encoded(PercentEncoding.decoded(key)), PercentEncoding.encoded(PercentEncoding.decoded(value)))
            )
        }
        return parameters
    }

    /// Sorts by encoded name, then encoded value (byte order), and writes `name=value&...`.
    static func writeQuery(_ parameters: [QueryParameter], to writer: inout ByteWriter) {
        // Most requests (every Data API call) have no query: skip the sort's array and generic machinery.
        guard !parameters.isEmpty else { return }
        let sorted = parameters.sorted { left, right in
            left.key == right.key
                ? left.value.lexicographicallyPrecedes(right.value) : left.key.lexicographicallyPrecedes(right.key)
        }
        for (index, parameter) in sorted.enumerated() {
            if index > 0 { writer.write(UInt8(ascii: "&")) }
            writer.write(parameter.key)
            writer.write(UInt8(ascii: "="))
            writer.write(parameter.value)
        }
    }

    /// Room needed by ``writeQuery(_:to:)``.
    static func capacity(of parameters: [QueryParameter]) -> Int {
        parameters.reduce(0) { $0 + $1.key.count + $1.value.count + 2 }
    }
}
