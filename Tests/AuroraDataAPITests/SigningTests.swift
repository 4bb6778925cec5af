import AuroraDataAPI
import AuroraDataAPIModel
import AuroraSigV4
import AuroraTestSupport
import Foundation
import Testing

/// What the client puts on the wire to authenticate, checked on a real HTTP server.
@Suite("Signed requests")
struct SigningTests {
    @Test("long-lived keys: SigV4 for rds-data, x-amz-date, content-type, verifiable signature")
    func longLivedKeys() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.executeOK]) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            try await client.execute("SELECT 1")
            let request = try #require(server.requests.first)
            #expect(request.header("content-type") == "application/json")
            #expect(request.header("x-amz-date") == "20261123T181111Z")
            #expect(request.header("x-amz-security-token") == nil)
            let authorization = try #require(request.header("authorization"))
            #expect(authorization.hasPrefix(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/rds-data/aws4_request, SignedHeaders="))
            #expect(authorization.contains("content-type;host;x-amz-date"))
            #expect(authorization.range(of: #"Signature=[0-9a-f]{64}$"#, options: .regularExpression) != nil)

            let verifier = SigV4Verifier(service: "rds-data", region: "us-east-1") { _ in Fixture.credentials }
            let identity = try verifier.verify(
                method: request.method, path: request.uri, headers: request.headers, body: request.body, now: Fixture.date)
            #expect(identity.accessKeyId == "AKIDEXAMPLE")
        }
    }

    @Test("session credentials add a signed x-amz-security-token")
    func sessionToken() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.executeOK]) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL, credentials: Fixture.sessionCredentials)
            try await client.execute("SELECT 1")
            let request = try #require(server.requests.first)
            #expect(request.header("x-amz-security-token") == "session-token-value")
            #expect(request.header("authorization")?.contains("x-amz-date;x-amz-security-token") == true)
            let verifier = SigV4Verifier(service: "rds-data", region: "us-east-1") { _ in Fixture.sessionCredentials }
            let identity = try verifier.verify(
                method: request.method, path: request.uri, headers: request.headers, body: request.body, now: Fixture.date)
            #expect(identity.sessionToken == "session-token-value")
        }
    }

    @Test("an endpoint with a trailing slash still posts to /Execute")
    func trailingSlash() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.executeOK]) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL + "/")
            try await client.execute("SELECT 1")
            #expect(server.requests.first?.uri == "/Execute")
        }
    }
}
