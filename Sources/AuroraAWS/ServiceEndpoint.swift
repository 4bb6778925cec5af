/// An HTTP(S) base URL for a service, checked and split into its parts.
public struct ServiceEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    public var scheme: String
    /// Host name or IP address; IPv6 addresses keep their brackets.
    public var host: String
    /// The port when the URL names one.
    public var port: Int?
    /// Path prefix without a trailing slash, usually empty.
    public var basePath: String

    /// The base URL, e.g. `https://rds-data.us-east-1.amazonaws.com`.
    public var url: String { "\(scheme)://\(hostHeader)\(basePath)" }

    /// The value of the `Host` header (what SigV4 signs): the host, plus the port when it is not the default.
    public var hostHeader: String {
        guard let port, port != (scheme == "https" ? 443 : 80) else { return host }
        return "\(host):\(port)"
    }

    /// The URL of an operation path such as `/Execute`.
    public func url(path: String) -> String { url + path }

    public var description: String { url }

    public init(scheme: String, host: String, port: Int? = nil, basePath: String = "") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// Parses `text` (`scheme://host[:port][/path]`); `source` names where it came from in errors.
    public init(parsing text: String, source: String) throws {
        func invalid(_ problem: String) -> AWSConfigurationError {
            AWSConfigurationError(
                code: .invalidEndpoint,
                message: "\(source) is \"\(text)\", which \(problem). "
                    + "Expected e.g. https://rds-data.us-east-1.amazonaws.com or http://127.0.0.1:8080."
            )
        }
        guard let separator = text.firstRange(of: "://") else { throw invalid("has no scheme") }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw invalid("does not start with http:// or https://") }
        let rest = text[separator.upperBound...]
        guard !rest.contains(where: { $0 == "?" || $0 == "#" || $0.isWhitespace }) else {
            throw invalid("contains a query, fragment or white space")
        }
        let authority = rest.prefix { $0 != "/" }
        var path = String(rest[authority.endIndex...])
        while path.hasSuffix("/") { path.removeLast() }
        guard !authority.contains("@") else { throw invalid("contains user information") }

        var host = Substring(authority)
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw invalid("has an unclosed IPv6 address") }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("has text after the IPv6 address") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty, Self.isValidHost(host) else { throw invalid("has no valid host name") }
        var port: Int?
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number) else {
                throw invalid("has an invalid port")
            }
            port = number
        }
        self.init(scheme: scheme, host: String(host), port: port, basePath: path)
    }

    /// A DNS name or IPv4 address (letters, digits, `-`, `.`, `_`), or a bracketed IPv6 address.
    private static func isValidHost(_ host: Substring) -> Bool {
        if host.hasPrefix("[") {
            return host.count > 2 && host.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        return host.allSatisfy { character in
            guard character.isASCII else { return false }
            return character.isLetter || character.isNumber || character == "-" || character == "." || character == "_"
        }
    }
}
