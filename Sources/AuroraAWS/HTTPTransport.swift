/// An HTTP request as it goes on the wire, after signing.
public struct HTTPRequest: Sendable {
    public var method: String
    /// Absolute URL, e.g. `https://rds-data.us-east-1.amazonaws.com/Execute`.
    public var url: String
    /// Header fields in the order they are sent; names keep their case.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// A complete HTTP response.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}

/// Why a request got no response. The distinction matters for retries: a request that was never sent
/// can be sent again; one that was sent may have run, so a non-idempotent statement must not be re-sent.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Phase: Sendable, Hashable {
        /// Nothing reached the server (connection refused, DNS failure, connect timeout, TLS handshake).
        case beforeSending
        /// The request was (or may have been) sent; no complete response arrived (read timeout, reset).
        case afterSending
    }

    public var phase: Phase
    public var message: String
    /// The TLS handshake failed (the server's certificate was refused: untrusted issuer, wrong host name,
    /// expired; or the server does not speak TLS): sending again fails the same way, so callers should not retry.
    public var tlsHandshakeFailed: Bool

    public init(phase: Phase, message: String, tlsHandshakeFailed: Bool = false) {
        self.phase = phase
        self.message = message
        self.tlsHandshakeFailed = tlsHandshakeFailed
    }

    public var description: String {
        switch phase {
        case .beforeSending: return "could not send the request: \(message)"
        case .afterSending: return "no complete response after sending the request: \(message)"
        }
    }
}

/// Sends one HTTP request. Implementations throw ``TransportError`` when no response arrives, and
/// ``AWSConfigurationError`` when their own configuration (such as a CA bundle) makes sending impossible.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse
}
