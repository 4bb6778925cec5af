/// The headers of a canonical request: lower-case names sorted by byte order, values of a repeated name
/// joined with `,` in request order, each value trimmed and every run of whitespace (including obs-fold line
/// breaks) collapsed to one space.
///
/// "Create a signed AWS API request", step 1, `CanonicalHeaders` and `SignedHeaders`:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
struct CanonicalHeaders {
    /// One header to sign. `name` must already be lower-case.
    struct Header {
        var name: String
        var value: String
    }

    /// Sorted by name, in request order within a name.
    private let headers: [Header]
    /// `name;name;...`, each name once.
    let signedHeaders: [UInt8]

    /// `headers` in request order.
    init(_ headers: consuming [Header]) {
        // Insertion sort: stable, so repeated names keep their request order, and quick for a handful of headers.
        var sorted = headers
        for index in sorted.indices.dropFirst() {
            var position = index
            while position > 0 && sorted[position].name < sorted[position - 1].name {
                sorted.swapAt(position, position - 1)
                position -= 1
            }
        }
        let capacity = sorted.reduce(0) { $0 + $1.name.utf8.count + 1 }
        self.signedHeaders = ByteWriter.bytes(capacity: capacity) { writer in
            var previous: String?
            for header in sorted where header.name != previous {
                if previous != nil { writer.write(UInt8(ascii: ";")) }
                writer.write(header.name)
                previous = header.name
            }
        }
        self.headers = sorted
    }

    var signedHeadersString: String { String(decoding: signedHeaders, as: UTF8.self) }

    /// Room needed by ``write(to:)``: trimming only shortens values.
    var capacity: Int { headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 2 } }

    /// Writes `name:value\n` for each distinct name.
    func write(to writer: inout ByteWriter) {
        var previous: String?
        for header in headers {
            if header.name == previous {
                writer.write(UInt8(ascii: ","))
            } else {
                if previous != nil { writer.write(UInt8(ascii: "\n")) }
                writer.write(header.name)
                writer.write(UInt8(ascii: ":"))
                previous = header.name
            }
            var value = header.value
            value.withUTF8 { Self.writeTrimmed($0, to: &writer) }
        }
        if previous != nil { writer.write(UInt8(ascii: "\n")) }
    }

    /// Whitespace is ASCII space, tab, LF, VT, FF and CR (aws-c-auth's `aws_isspace`); botocore also collapses
    /// non-ASCII Unicode spaces, the one difference left (sigv4.md §2).
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        // One comparison rejects the usual byte (above the space); then space, or tab to CR.
        byte <= UInt8(ascii: " ") && (byte == UInt8(ascii: " ") || byte >= 0x09 && byte <= 0x0D)
    }

    /// A header value trimmed, with every run of whitespace collapsed to one space.
    static func trimmed(_ value: String) -> [UInt8] {
        var value = value
        return value.withUTF8 { bytes in ByteWriter.bytes(capacity: bytes.count) { writeTrimmed(bytes, to: &$0) } }
    }

    /// Copies each run of non-whitespace bytes at once, with one space between runs.
    static func writeTrimmed(_ bytes: UnsafeBufferPointer<UInt8>, to writer: inout ByteWriter) {
        var start = 0
        var wroteWord = false
        while start < bytes.count {
            while start < bytes.count && isWhitespace(bytes[start]) { start += 1 }
            guard start < bytes.count else { return }
            var end = start + 1
            while end < bytes.count && !isWhitespace(bytes[end]) { end += 1 }
            if wroteWord { writer.write(UInt8(ascii: " ")) }
            writer.write(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            wroteWord = true
            start = end
        }
    }
}
