/// Builds the canonical request over bytes.
///
/// "Create a signed AWS API request", step 1 (create a canonical request):
/// `Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedPayload`.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
enum CanonicalRequest {
    /// An encoded query parameter, ready to sort.
    typealias QueryParameter = (key: [UInt8], value: [UInt8])

    static func build(
        method: String, path: ArraySlice<UInt8>, query: [QueryParameter], headers: CanonicalHeaders,
        payloadHash: some Collection<UInt8>, options: SigV4Signer.Options
    ) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256 + path.count * 3 + headers.estimatedSize + query.count * 32)
        output.append(contentsOf: method.utf8)
        output.append(UInt8(ascii: "\n"))
        appendURI(path: path, options: options, to: &output)
        output.append(UInt8(ascii: "\n"))
        appendQuery(query, to: &output)
        output.append(UInt8(ascii: "\n"))
        headers.appendCanonicalHeaders(to: &output)
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: headers.signedHeaders)
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: payloadHash)
        return output
    }

    /// Canonical URI: the wire path, dot segments removed when `normalizePath`, URI-encoded once more when
    /// `doubleURIEncode` (`%` becomes `%25`), otherwise only raw bytes outside the unreserved set are encoded.
    /// An empty path is `/`.
    static func appendURI(path: ArraySlice<UInt8>, options: SigV4Signer.Options, to output: inout [UInt8]) {
        if path.isEmpty {
            output.append(UInt8(ascii: "/"))
        } else if options.normalizePath && needsNormalization(path) {
            appendEncodedPath(normalized(path), options: options, to: &output)
        } else {
            appendEncodedPath(path, options: options, to: &output)
        }
    }

    private static func appendEncodedPath(
        _ path: some Collection<UInt8>, options: SigV4Signer.Options, to output: inout [UInt8]
    ) {
        PercentEncoding.appendEncoded(path, keepSlash: true, keepEscapes: !options.doubleURIEncode, to: &output)
    }

    /// True when the path has an empty, `.` or `..` segment, or does not start with `/`.
    private static func needsNormalization(_ path: ArraySlice<UInt8>) -> Bool {
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
    static func normalized(_ path: ArraySlice<UInt8>) -> [UInt8] {
        var segments: [ArraySlice<UInt8>] = []
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
    static func appendQuery(_ parameters: [QueryParameter], to output: inout [UInt8]) {
        let sorted = parameters.sorted { left, right in
            left.key == right.key
                ? left.value.lexicographicallyPrecedes(right.value) : left.key.lexicographicallyPrecedes(right.key)
        }
        for (index, parameter) in sorted.enumerated() {
            if index > 0 { output.append(UInt8(ascii: "&")) }
            output.append(contentsOf: parameter.key)
            output.append(UInt8(ascii: "="))
            output.append(contentsOf: parameter.value)
        }
    }
}
