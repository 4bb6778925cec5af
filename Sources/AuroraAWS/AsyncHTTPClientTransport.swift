#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// ``HTTPTransport`` over AsyncHTTPClient.
///
/// `timeout` bounds the whole exchange, body included. Failures become ``TransportError`` whose phase says
/// whether the request can have reached the server (see ``phase(of:)``); a cancelled task gets
/// `CancellationError`.
///
/// The HTTP client is resolved at the first request, not when the transport is made: a command that sends
/// nothing starts no event loop and reads no certificate file.
public struct AsyncHTTPClientTransport: HTTPTransport {
    private let source: ClientSource
    /// Larger response bodies fail with a ``TransportError`` instead of filling memory.
    public var maxResponseBytes: Int

    /// Sends through `client`.
    public init(client: HTTPClient, maxResponseBytes: Int = 64 * 1024 * 1024) {
        self.source = .given(client)
        self.maxResponseBytes = maxResponseBytes
    }

    /// Sends through ``awsClient``, which verifies HTTPS certificates against the system trust store.
    public init(maxResponseBytes: Int = 64 * 1024 * 1024) {
        self.source = .shared
        self.maxResponseBytes = maxResponseBytes
    }

    /// Sends as the AWS SDKs do in `environment`: when `AWS_CA_BUNDLE` names a PEM file, HTTPS certificates are
    /// verified against the certificates in it instead of the system trust store (see
    /// ``awsClient(trustingCABundle:fileReader:)``); otherwise through ``awsClient``.
    public init(environment: [String: String], maxResponseBytes: Int = 64 * 1024 * 1024) {
        if let bundle = environment["AWS_CA_BUNDLE"], !bundle.isEmpty {
            self.source = .caBundle(bundle)
        } else {
            self.source = .shared
        }
        self.maxResponseBytes = maxResponseBytes
    }

    /// A process-wide client for signed AWS API calls; like `HTTPClient.shared` it lives for the whole process
    /// and is never shut down. Unlike `HTTPClient.shared` it does not follow redirects (a signed request must
    /// not go elsewhere), does not decompress, and reports a failed connection attempt at once instead of
    /// retrying it until the deadline, so the caller's retry policy decides about retries.
    public static let awsClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: awsConfiguration(tls: nil))

    /// The configuration of ``awsClient``, with `tls` for HTTPS when given.
    static func awsConfiguration(tls: TLSConfiguration?) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: .seconds(10)),
            decompression: .disabled
        )
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// Where the client comes from.
    private enum ClientSource: Sendable {
        case given(HTTPClient)
        case shared
        /// ``awsClient`` for plain HTTP; for HTTPS the client trusting this PEM file.
        case caBundle(String)
    }

    /// The client for `url`.
    /// - Throws: ``AWSConfigurationError`` (`invalidCABundle`) when the CA bundle for an HTTPS URL is unusable.
    private func client(for url: String) throws(AWSConfigurationError) -> HTTPClient {
        switch source {
        case .given(let client): return client
        case .shared: return Self.awsClient
        case .caBundle(let path):
            guard url.prefix(6).lowercased() == "https:" else { return Self.awsClient }
            return try Self.awsClient(trustingCABundle: path)
        }
    }

    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            outgoing.body = .bytes(request.body)
        }
        let httpClient = try client(for: request.url)
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        do {
            let response = try await httpClient.execute(outgoing, deadline: deadline)
            let body = try await Self.collect(
                response.body, upTo: maxResponseBytes, deadline: deadline, on: httpClient.eventLoopGroup.any())
            return HTTPResponse(
                status: Int(response.status.code),
                headers: response.headers.map { (name: $0.name, value: $0.value) },
                body: Array(buffer: body)
            )
        } catch let error as TransportError {
            throw error
        } catch is NIOTooManyBytesError {
            throw TransportError(
                phase: .afterSending, message: "the response body is larger than \(maxResponseBytes) bytes")
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw TransportError(
                phase: Self.phase(of: error), message: String(describing: error),
                tlsHandshakeFailed: Self.isTLSHandshakeFailure(error))
        }
    }

    /// Reads the body, giving up at `deadline` (AsyncHTTPClient's deadline only covers the response head).
    ///
    /// The deadline is a task scheduled on an event loop and cancelled as soon as the body is in. A `Task.sleep`
    /// raced against the body would keep its timer, and its memory, until the deadline even after it was
    /// cancelled: in a long-running process that is one pending timer per request for the whole timeout.
    private static func collect(
        _ body: HTTPClientResponse.Body, upTo maxBytes: Int, deadline: NIODeadline, on eventLoop: any EventLoop
    ) async throws -> ByteBuffer {
        let collecting = Task { try await body.collect(upTo: maxBytes) }
        let expired = Atomic(false)
        let timer = eventLoop.scheduleTask(deadline: deadline) {
            expired.store(true, ordering: .sequentiallyConsistent)
            collecting.cancel()
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await collecting.value
            } onCancel: {
                collecting.cancel()
            }
        } catch {
            guard expired.load(ordering: .sequentiallyConsistent), !Task.isCancelled else { throw error }
            throw TransportError(phase: .afterSending, message: "the response body did not arrive in time")
        }
    }

    /// Whether a failure can have let the request reach the server.
    ///
    /// `.beforeSending` only for failures that happen before any request byte is written: connection refused,
    /// DNS, connect timeout, TLS or proxy handshake, and requests AsyncHTTPClient rejects up front. Everything
    /// else — read timeout, connection closed, deadline exceeded (AsyncHTTPClient also reports that while still
    /// connecting), unknown errors — is `.afterSending`, so a non-idempotent request is never sent twice.
    public static func phase(of error: any Error) -> TransportError.Phase {
        switch error {
        case let error as HTTPClientError:
            let before: [HTTPClientError] = [
                .connectTimeout, .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout,
                .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath, .alreadyShutdown,
                .getConnectionFromPoolTimeout, .invalidProxyResponse, .proxyAuthenticationRequired,
            ]
            return before.contains(error) || Self.isRejectedUpFront(error) ? .beforeSending : .afterSending
        case is NIOConnectionError, is SocketAddressError, is SocketAddressError.UnknownHost:
            return .beforeSending
        case ChannelError.connectTimeout:
            return .beforeSending
        case let error as IOError:
            return [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode) ? .beforeSending : .afterSending
        default:
            return isTLSHandshakeFailure(error) ? .beforeSending : .afterSending
        }
    }

    /// Header and scheme errors that AsyncHTTPClient raises while validating the request, before connecting.
    private static func isRejectedUpFront(_ error: HTTPClientError) -> Bool {
        let text = String(describing: error)
        return text.contains("unsupportedScheme") || text.contains("invalidHeaderField")
    }

    /// A TLS handshake (certificate, host name, protocol) failure from swift-nio-ssl.
    private static func isTLSHandshakeFailure(_ error: any Error) -> Bool {
        if error is NIOSSLExtraError { return true }
        if case .handshakeFailed? = error as? NIOSSLError { return true }
        return false
    }
}
