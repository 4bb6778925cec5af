import AuroraAWS
import AuroraDatabaseDrivers
import AuroraDatabaseServers
import AuroraDataLocal
import AuroraDataLocalTestSupport
import AuroraSigV4
import Foundation
import Testing

@Suite("request header limit")
struct RequestHeaderLimitTests {
    /// The HTTP server refuses headers over 80 KiB before anything is read into a request.
    @Test func oversizedHeadersAreRefused() async throws {
        let fixture = try await LocalEndpointFixture.shared(.postgresql)
        let body = #"{"resourceArn":"\#(fixture.resourceArn)","secretArn":"\#(fixture.secretArn)","sql":"SELECT 1"}"#
        let small = try await fixture.send("/Execute", body: body, extraHeaders: [("X-Padding", String(repeating: "p", count: 1000))])
        #expect(small.status == 200)
        let status: Int?
        do {
            status = try await fixture.send(
                "/Execute", body: body, extraHeaders: [("X-Padding", String(repeating: "p", count: 100 * 1024))]
            ).status
        } catch {
            status = nil  // the server closed the connection
        }
        #expect(status != 200, "status \(String(describing: status))")
    }
}
