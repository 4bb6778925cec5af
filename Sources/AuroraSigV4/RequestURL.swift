/// The parts of an absolute URL that SigV4 signs, located in its UTF-8 bytes without copying or decoding them.
///
/// The path and query are kept exactly as on the wire (already percent-encoded); raw bytes that are not
/// valid in a URL (a space, UTF-8) are accepted and get encoded when canonicalized.
struct RequestURL {
    /// `scheme://authority`, everything before the path.
    let origin: Range<Int>
    let path: Range<Int>
    /// After `?`, up to `#`; nil without a `?`.
    let query: Range<Int>?
    /// The `Host` header value: lower-case host, `:port` only when not the scheme's default port
    /// (botocore `_host_from_url`; signing `host:443` breaks requests, aws-sdk-rust #1244).
    let host: String

    /// Parses `url` in place and hands `body` its bytes with the parts found in them.
    static func parse<Result>(
        _ url: String, _ body: (UnsafeBufferPointer<UInt8>, RequestURL) throws(SigV4Error) -> Result
    ) throws(SigV4Error) -> Result {
        var contiguous = url  // `withUTF8` is mutating; a native string shares its buffer, nothing is copied
        let outcome = contiguous.withUTF8 { bytes in
            Swift.Result { () throws(SigV4Error) in try body(bytes, try RequestURL(bytes)) }
        }
        return try outcome.get()
    }

    private init(_ bytes: UnsafeBufferPointer<UInt8>) throws(SigV4Error) {
        var schemeEnd = 0
        while schemeEnd < bytes.count, Self.isSchemeByte(bytes[schemeEnd]) { schemeEnd += 1 }
        guard schemeEnd > 0, schemeEnd + 2 < bytes.count, bytes[schemeEnd] == UInt8(ascii: ":"),
            bytes[schemeEnd + 1] == UInt8(ascii: "/"), bytes[schemeEnd + 2] == UInt8(ascii: "/")
        else {
            throw SigV4Error(
                code: .invalidURL, message: "'\(Self.text(bytes))' is not an absolute URL: expected scheme://host/path")
        }
        let defaultPort = Self.defaultPort(scheme: bytes[0..<schemeEnd])
        let authorityStart = schemeEnd + 3
        var authorityEnd = authorityStart
        while authorityEnd < bytes.count, bytes[authorityEnd] != UInt8(ascii: "/"), bytes[authorityEnd] != UInt8(ascii: "?"),
            bytes[authorityEnd] != UInt8(ascii: "#")
        {
            authorityEnd += 1
        }
        var pathEnd = authorityEnd
        while pathEnd < bytes.count, bytes[pathEnd] != UInt8(ascii: "?"), bytes[pathEnd] != UInt8(ascii: "#") {
            pathEnd += 1
        }
        var query: Range<Int>?
        if pathEnd < bytes.count, bytes[pathEnd] == UInt8(ascii: "?") {
            let queryEnd = bytes[(pathEnd + 1)...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
            query = (pathEnd + 1)..<queryEnd
        }
        self.origin = 0..<authorityEnd
        self.path = authorityEnd..<pathEnd
        self.query = query
        self.host = try Self.hostHeader(bytes[authorityStart..<authorityEnd], defaultPort: defaultPort, url: bytes)
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    private static func hostHeader(
        _ authority: Slice<UnsafeBufferPointer<UInt8>>, defaultPort: Int?, url: UnsafeBufferPointer<UInt8>
    ) throws(SigV4Error) -> String {
        let hostAndPort = authority.lastIndex(of: UInt8(ascii: "@")).map { authority[($0 + 1)...] } ?? authority
        var hostEnd = hostAndPort.endIndex
        if hostAndPort.first == UInt8(ascii: "[") {
            guard let bracket = hostAndPort.firstIndex(of: UInt8(ascii: "]")) else {
                throw SigV4Error(code: .invalidURL, message: "'\(text(url))' has an IPv6 host without a closing ']'")
            }
            hostEnd = bracket + 1
        } else if let colon = hostAndPort.lastIndex(of: UInt8(ascii: ":")) {
            hostEnd = colon
        }
        guard hostEnd > hostAndPort.startIndex else {
            throw SigV4Error(code: .invalidURL, message: "'\(text(url))' has no host")
        }
        let host = ASCII.lowercased(UnsafeBufferPointer(rebasing: hostAndPort[hostAndPort.startIndex..<hostEnd]))
        let portText = hostAndPort[hostEnd...].dropFirst()
        guard hostEnd < hostAndPort.endIndex, !portText.isEmpty else { return host }
        guard hostAndPort[hostEnd] == UInt8(ascii: ":"), portText.count <= 5,
            portText.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let port = Int(String(decoding: portText, as: UTF8.self)), port <= 65_535
        else {
            throw SigV4Error(code: .invalidURL, message: "'\(text(url))' has an invalid port")
        }
        return port == defaultPort ? host : "\(host):\(port)"
    }

    private static func defaultPort(scheme: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        func isScheme(_ name: StaticString) -> Bool {
            scheme.count == name.utf8CodeUnitCount
                && zip(scheme, UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
                    .allSatisfy { ASCII.lowercased($0) == $1 }
        }
        if isScheme("https") { return 443 }
        if isScheme("http") { return 80 }
        return nil
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        PercentEncoding.isUnreserved(byte) && byte != UInt8(ascii: "_") && byte != UInt8(ascii: "~")
            || byte == UInt8(ascii: "+")
    }
}
