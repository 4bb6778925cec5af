import AsyncHTTPClient
import AuroraAWS
import AuroraTestSupport
import NIOCore
import Testing

@Suite("AsyncHTTPClient transport over real sockets")
struct AsyncHTTPClientTransportTests {
    let transport = AsyncHTTPClientTransport()

    func phase(_ body: () async throws -> HTTPResponse) async -> TransportError.Phase? {
        do {
            _ = try await body()
            return nil
        } catch let error as TransportError {
            return error.phase
        } catch {
            return nil
        }
    }

    @Test("a round trip keeps method, path, headers and body both ways")
    func roundTrip() async throws {
        try await ScriptedHTTPServer.withServer(responses: [
            .json(#"{"numberOfRecordsUpdated":1}"#, headers: [("x-amzn-RequestId", "req-1")])
        ]) { server in
            let response = try await transport.send(
                HTTPRequest(
                    method: "POST", url: server.baseURL + "/Execute",
                    headers: [("Content-Type", "application/json"), ("X-Amz-Date", "20261123T000000Z")],
                    body: Array(#"{"sql":"select 1"}"#.utf8)),
                timeout: .seconds(5))
            #expect(response.status == 200)
            #expect(response.header("X-AMZN-REQUESTID") == "req-1")
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"numberOfRecordsUpdated":1}"#)
            let request = try #require(server.requests.first)
            #expect(request.method == "POST" && request.uri == "/Execute")
            #expect(request.header("x-amz-date") == "20261123T000000Z")
            #expect(request.header("content-length") == "18")
            #expect(request.bodyText == #"{"sql":"select 1"}"#)
        }
    }

    @Test("HTTP error statuses are responses, not transport errors")
    func errorStatus() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.json(#"{"message":"busy"}"#, status: 503)]) { server in
            let response = try await transport.send(HTTPRequest(method: "POST", url: server.baseURL), timeout: .seconds(5))
            #expect(response.status == 503)
        }
    }

    @Test("a closed port fails before sending")
    func connectionRefused() async throws {
        let port = try closedLocalPort()
        let result = await phase {
            try await transport.send(HTTPRequest(method: "POST", url: "http://127.0.0.1:\(port)/Execute"), timeout: .seconds(1))
        }
        #expect(result == .beforeSending)
    }

    @Test("a failed TLS handshake (https to a plain-http server) fails before sending")
    func tlsHandshakeFailure() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.text("never")]) { server in
            let url = "https://127.0.0.1:\(server.port)/Execute"
            let result = await phase {
                try await transport.send(HTTPRequest(method: "POST", url: url), timeout: .seconds(5))
            }
            #expect(result == .beforeSending)
            #expect(server.requests.isEmpty)
            let error = await #expect(throws: TransportError.self) {
                try await transport.send(HTTPRequest(method: "POST", url: url), timeout: .seconds(5))
            }
            #expect(error?.tlsHandshakeFailed == true)
        }
    }

    @Test("a refused connection is not a TLS handshake failure")
    func refusedIsNotTLS() async throws {
        let port = try closedLocalPort()
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(method: "POST", url: "https://127.0.0.1:\(port)/"), timeout: .seconds(1))
        }
        #expect(error?.phase == .beforeSending)
        #expect(error?.tlsHandshakeFailed == false)
    }

    @Test("a server that never answers fails after sending, at the timeout")
    func neverAnswers() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.neverAnswer]) { server in
            let started = ContinuousClock.now
            let result = await phase {
                try await transport.send(HTTPRequest(method: "POST", url: server.baseURL), timeout: .milliseconds(500))
            }
            #expect(result == .afterSending)
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(server.requests.count == 1)
        }
    }

    @Test("a server that closes after reading the request, or mid-body, fails after sending")
    func closedByServer() async throws {
        try await ScriptedHTTPServer.withServer(responses: [
            .closeConnection(), .closeConnection(after: .milliseconds(100)),
            ScriptedResponse(status: 200, body: Array(repeating: 65, count: 1000), ending: .closeMidBody),
        ]) { server in
            for _ in 0..<3 {
                let result = await phase {
                    try await transport.send(HTTPRequest(method: "POST", url: server.baseURL), timeout: .seconds(5))
                }
                #expect(result == .afterSending)
            }
            #expect(server.requests.count == 3)
        }
    }

    @Test("a body that stalls is cut off at the timeout")
    func stalledBody() async throws {
        try await ScriptedHTTPServer.withServer(responses: [
            ScriptedResponse(headers: [("content-length", "100")], body: Array(repeating: 65, count: 10))
        ]) { server in
            let started = ContinuousClock.now
            let error = await #expect(throws: TransportError.self) {
                try await transport.send(HTTPRequest(method: "GET", url: server.baseURL), timeout: .milliseconds(500))
            }
            #expect(error?.phase == .afterSending)
            #expect(error?.message == "the response body did not arrive in time")
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }

    @Test("oversized bodies are refused")
    func oversized() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.text(String(repeating: "x", count: 2000))]) { server in
            let small = AsyncHTTPClientTransport(maxResponseBytes: 1000)
            let result = await phase {
                try await small.send(HTTPRequest(method: "GET", url: server.baseURL), timeout: .seconds(5))
            }
            #expect(result == .afterSending)
        }
    }

    @Test(
        "classification of AsyncHTTPClient and NIO errors",
        arguments: [
            (HTTPClientError.connectTimeout as any Error, TransportError.Phase.beforeSending),
            (HTTPClientError.tlsHandshakeTimeout, .beforeSending),
            (HTTPClientError.invalidURL, .beforeSending),
            (HTTPClientError.unsupportedScheme("ftp"), .beforeSending),
            (ChannelError.connectTimeout(.seconds(1)), .beforeSending),
            (HTTPClientError.readTimeout, .afterSending),
            (HTTPClientError.remoteConnectionClosed, .afterSending),
            (HTTPClientError.deadlineExceeded, .afterSending),
            (HTTPClientError.cancelled, .afterSending),
            (ChannelError.eof, .afterSending),
            (IOError(errnoCode: 104, reason: "read"), .afterSending),
            (IOError(errnoCode: 111, reason: "connect"), .beforeSending),
            (SocketAddressError.unsupported, .beforeSending),
        ])
    func classification(error: any Error, expected: TransportError.Phase) {
        #expect(AsyncHTTPClientTransport.phase(of: error) == expected)
    }
}
