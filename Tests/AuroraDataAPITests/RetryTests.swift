import AuroraAWS
import AuroraDataAPI
import AuroraDataAPIModel
import AuroraTestSupport
import Foundation
import Synchronization
import Testing

/// Which failures are retried, how often, and what is never sent twice.
@Suite("Retries")
struct RetryTests {
    @Test("a paused database: DatabaseResumingException twice, then success, in exactly 3 requests")
    func resume() async throws {
        let responses: [ScriptedResponse] = [
            .dataAPIError("DatabaseResumingException", message: "The Aurora DB instance db-1 is resuming after being auto-paused. Please wait a few seconds and try again."),
            .dataAPIError("DatabaseResumingException"),
            .executeOK,
        ]
        try await ScriptedHTTPServer.withServer(responses: responses) { server in
            let clock = FakeClock()
            let client = DataAPIClient.forTesting(endpoint: server.baseURL, clock: clock.clock)
            let response = try await client.execute("INSERT INTO t VALUES (1)")
            #expect(response.numberOfRecordsUpdated == 1)
            #expect(server.requests.count == 3)
            // Equal jitter at 0.5: 3/4 of 0.25 s, then 3/4 of 0.5 s.
            #expect(clock.sleeps == [.milliseconds(187.5), .milliseconds(375)])
        }
    }

    @Test("retried for every operation", arguments: [
        "DatabaseUnavailableException", "ThrottlingException", "TooManyRequestsException", "ServiceUnavailableError",
    ])
    func transientCodes(_ code: String) async throws {
        try await ScriptedHTTPServer.withServer(responses: [.dataAPIError(code, status: 400), .executeOK]) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            try await client.execute("UPDATE t SET a = 1")
            #expect(server.requests.count == 2)
        }
    }

    @Test("a bare 503 and a bare 429 are retried")
    func unavailableStatus() async throws {
        let responses: [ScriptedResponse] = [.text("busy", status: 503), .text("slow down", status: 429), .executeOK]
        try await ScriptedHTTPServer.withServer(responses: responses) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            try await client.execute("UPDATE t SET a = 1")
            #expect(server.requests.count == 3)
        }
    }

    @Test("a 500 is not retried for ExecuteStatement (it may have written)")
    func internalErrorExecute() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.dataAPIError("InternalServerErrorException", status: 500), .executeOK]) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let error = await #expect(throws: DataAPIError.self) { try await client.execute("INSERT INTO t VALUES (1)") }
            #expect(error?.code == .internalServerError)
            #expect(server.requests.count == 1)
        }
    }

    @Test("a 500 is retried for BeginTransaction")
    func internalErrorBegin() async throws {
        let responses: [ScriptedResponse] = [.dataAPIError("InternalServerErrorException", status: 500), .json(#"{"transactionId":"t1"}"#)]
        try await ScriptedHTTPServer.withServer(responses: responses) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let id = try await client.beginTransaction()
            #expect(id == "t1")
            #expect(server.requests.count == 2)
        }
    }

    @Test("SQL errors are not retried")
    func databaseError() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.dataAPIError("DatabaseErrorException"), .executeOK]) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            await #expect(throws: DataAPIError.self) { try await client.execute("SELEC 1") }
            #expect(server.requests.count == 1)
        }
    }

    @Test("a slow answer ends in outcomeUnknown after exactly one request")
    func slowResponse() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.executeOK.delayed(by: .seconds(5)), .executeOK]) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL, requestTimeout: .milliseconds(300))
            let error = await #expect(throws: DataAPIError.self) { try await client.execute("INSERT INTO t VALUES (1)") }
            #expect(error?.code == .outcomeUnknown)
            #expect(error?.message.contains("may have run") == true)
            #expect(server.requests.count == 1)
        }
    }

    @Test("a connection closed without an answer is outcomeUnknown and not resent")
    func closedConnection() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.closeConnection(), .executeOK]) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let error = await #expect(throws: DataAPIError.self) { try await client.execute("INSERT INTO t VALUES (1)") }
            #expect(error?.code == .outcomeUnknown)
            #expect(server.requests.count == 1)
        }
    }

    /// A transport whose requests never leave the machine (what AsyncHTTPClientTransport reports for a refused
    /// connection when it notices in time), counting the attempts.
    final class UnreachableTransport: HTTPTransport {
        let attempts = Mutex(0)
        func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
            attempts.withLock { $0 += 1 }
            throw TransportError(phase: .beforeSending, message: "connection refused")
        }
    }

    @Test("a failure before sending is retried, then reported as connectionFailed")
    func beforeSending() async throws {
        let transport = UnreachableTransport()
        let clock = FakeClock()
        let client = DataAPIClient.forTesting(
            endpoint: "http://127.0.0.1:9", retryPolicy: RetryPolicy(maxAttempts: 3, random: { 0.5 }), clock: clock.clock,
            transport: transport)
        let error = await #expect(throws: DataAPIError.self) { try await client.execute("INSERT INTO t VALUES (1)") }
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("nothing was sent") == true)
        #expect(transport.attempts.withLock { $0 } == 3)
        #expect(clock.sleeps.count == 2)
    }

    @Test("a failed TLS handshake (https to a plain HTTP server) is tlsHandshakeFailed at once, never retried")
    func tlsHandshake() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.executeOK]) { server in
            let clock = FakeClock()
            let client = DataAPIClient.forTesting(endpoint: "https://127.0.0.1:\(server.port)", clock: clock.clock)
            let error = await #expect(throws: DataAPIError.self) { try await client.execute("INSERT INTO t VALUES (1)") }
            #expect(error?.code == .tlsHandshakeFailed)
            #expect(error?.message.contains("AWS_CA_BUNDLE") == true)
            #expect(error?.message.contains("nothing was sent") == true)
            #expect(clock.sleeps.isEmpty)
            #expect(server.requests.isEmpty)
        }
    }

    @Test("an unusable AWS_CA_BUNDLE is invalidConfiguration, reported before connecting and never retried")
    func unusableCABundle() async throws {
        let clock = FakeClock()
        let client = try DataAPIClient.fromEnvironment(
            resourceArn: Fixture.resourceArn, secretArn: Fixture.secretArn, endpoint: "https://127.0.0.1:9",
            environment: [
                "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret",
                "AWS_CA_BUNDLE": "/nonexistent/ca.pem",
            ],
            clock: clock.clock)
        let error = await #expect(throws: DataAPIError.self) { try await client.execute("SELECT 1") }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("AWS_CA_BUNDLE is /nonexistent/ca.pem, which does not exist") == true)
        #expect(clock.sleeps.isEmpty)
    }

    @Test("the overall deadline stops the retries with deadlineExceeded")
    func deadline() async throws {
        try await ScriptedHTTPServer.withServer(handler: { _ in .dataAPIError("DatabaseResumingException") }) { server in
            let clock = FakeClock()
            let policy = RetryPolicy(maxAttempts: 100, baseDelay: .seconds(1), maxDelay: .seconds(4), deadline: .seconds(10), random: { 1 })
            let client = DataAPIClient.forTesting(endpoint: server.baseURL, retryPolicy: policy, clock: clock.clock)
            let error = await #expect(throws: DataAPIError.self) { try await client.execute("SELECT 1") }
            #expect(error?.code == .deadlineExceeded)
            #expect(error?.message.contains("DatabaseResumingException") == true)
            // Waits 1 + 2 + 4 = 7 s; a fourth wait of 4 s would pass the 10 s deadline.
            #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(4)])
            #expect(server.requests.count == 4)
        }
    }

    @Test("maxAttempts bounds the attempts; the last error is reported")
    func maxAttempts() async throws {
        try await ScriptedHTTPServer.withServer(handler: { _ in .dataAPIError("ThrottlingException") }) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL, retryPolicy: RetryPolicy(maxAttempts: 2))
            let error = await #expect(throws: DataAPIError.self) { try await client.execute("SELECT 1") }
            #expect(error?.code == .throttling)
            #expect(server.requests.count == 2)
        }
    }

    @Test("delays grow exponentially up to maxDelay")
    func delays() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(1), random: { 1 })
        #expect((1...6).map(policy.delay(afterAttempt:)) == [
            .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1),
        ])
        let low = RetryPolicy(baseDelay: .milliseconds(100), random: { 0 })
        #expect(low.delay(afterAttempt: 1) == .milliseconds(50))
    }
}
