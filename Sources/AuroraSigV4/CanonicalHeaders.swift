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
    /// Bytes written by ``writeSignedHeaders(to:)``.
    let signedHeadersCount: Int

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
        var signedHeadersCount = 0
        var previous: String?
        for header in sorted where header.name != previous {
            signedHeadersCount += (previous == nil ? 0 : 1) + header.name.utf8.count
            previous = header.name
        }
        self.headers = sorted
        self.signedHeadersCount = signedHeadersCount
    }

    /// `name;name;...`, each name once. The signer takes it from the canonical request instead (no array).
    var signedHeaders: [UInt8] { ByteWriter.bytes(capacity: signedHeadersCount) { writeSignedHeaders(to: &$0) } }

    var signedHeadersString: String { String(decoding: signedHeaders, as: UTF8.self) }

    func writeSignedHeaders(to writer: inout ByteWriter) {
        var previous: String?
        for header in headers where header.name != previous {
            if previous != nil { writer.write(UInt8(ascii: ";")) }
            writer.write(header.name)
            previous = header.name
        }
    }

    /// Room needed by ``write(to:)``: trimming only shortens values.
    var capacity: Int { headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 2 } }

    /// Writes `name:value\n` for each distinct name.
    func write(to writer: inout ByteWriter) {
        forEachName { Self.writeLine($0, to: &writer) }
    }

    /// The `name:value\n` line of each distinct name with the name, in order: what ``write(to:)`` writes, one line
    /// at a time, for a prepared request to merge the signer's own headers into.
    var lines: [(name: [UInt8], line: [UInt8])] {
        var lines: [(name: [UInt8], line: [UInt8])] = []
        forEachName { group in
            let capacity = group.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 2 }
            lines.append(
                (Array(group[group.startIndex].name.utf8), ByteWriter.bytes(capacity: capacity) { Self.writeLine(group, to: &$0) }))
        }
        return lines
    }

    /// Calls `body` with the headers of each distinct name, in order.
    private func forEachName(_ body: (ArraySlice<Header>) -> Void) {
        var start = 0
        while start < headers.count {
            var end = start + 1
            while end < headers.count && headers[end].name == headers[start].name { end += 1 }
            body(headers[start..<end])
            start = end
        }
    }

    /// `name:value,value\n` for headers of one name.
    private static func writeLine(_ group: ArraySlice<Header>, to writer: inout ByteWriter) {
        writer.write(group[group.startIndex].name)
        writer.write(UInt8(ascii: ":"))
        for index in group.indices {
            if index > group.startIndex { writer.write(UInt8(ascii: ",")) }
            var value = group[index].value
            value.withUTF8 { writeTrimmed($0, to: &writer) }
        }
        writer.write(UInt8(ascii: "\n"))
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
        // Usual case: no byte at or below the space, so nothing to trim (a branch-free scan, then one copy).
        var hasSpaceOrControl = false
        for byte in bytes { hasSpaceOrControl = hasSpaceOrControl || byte <= UInt8(ascii: " ") }
        guard hasSpaceOrControl else { return writer.write(bytes) }
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
