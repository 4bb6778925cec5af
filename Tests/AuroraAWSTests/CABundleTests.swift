import AuroraAWS
import AuroraTestSupport
import Foundation
import Testing

/// `AWS_CA_BUNDLE`: the PEM file that replaces the system trust store for HTTPS (the positive case, a TLS server
/// with its own CA, is checked on the static binary by scripts/check-static-cli.sh).
@Suite("AWS_CA_BUNDLE")
struct CABundleTests {
    @Test("a bundle that does not exist fails an HTTPS request before connecting, naming the variable and the file")
    func missingFile() async throws {
        let transport = AsyncHTTPClientTransport(environment: ["AWS_CA_BUNDLE": "/nonexistent/ca.pem"])
        let error = await configurationError {
            try await transport.send(HTTPRequest(method: "POST", url: "https://127.0.0.1:9/Execute"), timeout: .seconds(1))
        }
        #expect(error?.code == .invalidCABundle)
        #expect(error?.message.contains("AWS_CA_BUNDLE is /nonexistent/ca.pem, which does not exist") == true)
        #expect(error?.message.contains("unset it") == true)
    }

    @Test("a file without a PEM certificate is refused", arguments: ["", "not a certificate\n", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"])
    func notPEM(_ contents: String) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ca-\(UUID().uuidString).pem").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = await configurationError {
            try await AsyncHTTPClientTransport(environment: ["AWS_CA_BUNDLE": path]).send(
                HTTPRequest(method: "POST", url: "https://127.0.0.1:9/Execute"), timeout: .seconds(1))
        }
        #expect(error?.code == .invalidCABundle)
        #expect(error?.message.contains("AWS_CA_BUNDLE is \(path)") == true)
    }

    @Test("plain HTTP never reads the bundle")
    func plainHTTP() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.text("ok")]) { server in
            let transport = AsyncHTTPClientTransport(environment: ["AWS_CA_BUNDLE": "/nonexistent/ca.pem"])
            let response = try await transport.send(HTTPRequest(method: "GET", url: server.baseURL), timeout: .seconds(5))
            #expect(response.status == 200)
        }
    }
}
