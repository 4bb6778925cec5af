import AuroraAWS
import AuroraTestSupport
import Testing

@Suite("ScriptedHTTPServer")
struct ScriptedHTTPServerTests {
    let transport = AsyncHTTPClientTransport()

    @Test("queued responses in order, then 599 when the script runs out; enqueue adds more")
    func queue() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.text("one"), .text("two", status: 201)]) { server in
            var statuses: [Int] = []
            for _ in 0..<3 {
                statuses.append(try await transport.send(HTTPRequest(method: "GET", url: server.baseURL), timeout: .seconds(5)).status)
            }
            server.enqueue(.text("four", status: 202))
            statuses.append(try await transport.send(HTTPRequest(method: "GET", url: server.baseURL), timeout: .seconds(5)).status)
            #expect(statuses == [200, 201, 599, 202])
            // Keep-alive: all four requests went over one connection.
            #expect(server.connectionCount == 1)
            #expect(server.requests.map(\.connectionNumber) == [0, 0, 0, 0])
        }
    }

    @Test("a handler sees each request and can delay its answer")
    func handler() async throws {
        try await ScriptedHTTPServer.withServer(handler: { request in
            .text("echo \(request.method) \(request.uri) \(request.bodyText)").delayed(by: .milliseconds(200))
        }) { server in
            let started = ContinuousClock.now
            let response = try await transport.send(
                HTTPRequest(method: "PUT", url: server.baseURL + "/a?b=c", body: Array("xyz".utf8)), timeout: .seconds(5))
            #expect(ContinuousClock.now - started >= .milliseconds(200))
            #expect(String(decoding: response.body, as: UTF8.self) == "echo PUT /a?b=c xyz")
        }
    }

    @Test("shutdown ends connections that wait in a long delay, without hanging")
    func shutdownWhileWaiting() async throws {
        let server = try await ScriptedHTTPServer.start(responses: [.neverAnswer])
        let pending = Task { try await transport.send(HTTPRequest(method: "GET", url: server.baseURL), timeout: .seconds(30)) }
        while server.requests.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        let started = ContinuousClock.now
        await server.shutdown()
        let result = await pending.result
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(throws: TransportError.self) { try result.get() }
    }
}
