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

/// ``HTTPTransport`` over AsyncHTTPClient.
///
/// `timeout` bounds the whole exchange, body included. Failures become ``TransportError`` whose phase says
/// whether the request can have reached the server (see ``phase(of:)``); a cancelled task gets
/// `CancellationError`.
public struct AsyncHTTPClientTransport: HTTPTransport {
    public var client: HTTPClient
    /// Larger response bodies fail with a ``TransportError`` instead of filling memory.
    public var maxResponseBytes: Int

    /// - Parameter client: the client to use; ``awsClient`` by default.
    public init(client: HTTPClient = Self.awsClient, maxResponseBytes: Int = 64 * 1024 * 1024) {
        self.client = client
        self.maxResponseBytes = maxResponseBytes
    }

    /// A process-wide client for signed AWS API calls; like `HTTPClient.shared` it lives for the whole process
    /// and is never shut down. Unlike `HTTPClient.shared` it does not follow redirects (a signed request must
    /// not go elsewhere), does not decompress, and reports a failed connection attempt at once instead of
    /// retrying it until the deadline, so the caller's retry policy decides about retries.
    public static let awsClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: .seconds(10)),
            decompression: .disabled
        )
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            outgoing.body = .bytes(request.body)
        }
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        do {
            let response = try await client.execute(outgoing, deadline: deadline)
            let body = try await Self.collect(response.body, upTo: maxResponseBytes, deadline: deadline)
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
            throw TransportError(phase: Self.phase(of: error), message: String(describing: error))
        }
    }

    /// Reads the body, giving up at `deadline` (AsyncHTTPClient's deadline only covers the response head).
    private static func collect(_ body: HTTPClientResponse.Body, upTo maxBytes: Int, deadline: NIODeadline)
        async throws -> ByteBuffer
    {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: maxBytes) }
            group.addTask {
                let remaining = deadline - NIODeadline.now()
                try await Task.sleep(for: .nanoseconds(max(0, remaining.nanoseconds)))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else {
                throw TransportError(phase: .afterSending, message: "the response body did not arrive in time")
            }
            return buffer
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

    /// A TLS handshake (certificate, host name, protocol) failure from swift-nio-ssl. The package does not
    /// depend on NIOSSL directly, so its error types are recognised by name.
    private static func isTLSHandshakeFailure(_ error: any Error) -> Bool {
        let typeName = String(reflecting: type(of: error))
        guard typeName.hasPrefix("NIOSSL.") else { return false }
        return typeName == "NIOSSL.NIOSSLExtraError" || String(describing: error).hasPrefix("handshakeFailed")
    }
}
