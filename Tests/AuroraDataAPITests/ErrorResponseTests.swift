import AuroraDataAPI
import AuroraDataAPIModel
import AuroraTestSupport
import Foundation
import Testing

/// Every way the service (and emulators) encode an error, answered by a real HTTP server.
@Suite("Error responses")
struct ErrorResponseTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var name: String
        var response: ScriptedResponse
        var code: DataAPIError.Code
        var message: String
        var testDescription: String { name }
    }

    static let shapes: [Shape] = [
        Shape(
            name: "header only",
            response: ScriptedResponse(status: 403, headers: [("x-amzn-ErrorType", "AccessDeniedException")]),
            code: .accessDenied, message: "The Data API answered HTTP 403 without an error message."),
        Shape(
            name: "body code",
            response: .json(#"{"code":"BadRequestException","message":"Table 'x' doesn't exist"}"#, status: 400),
            code: .badRequest, message: "Table 'x' doesn't exist"),
        Shape(
            name: "__type with namespace",
            response: .json(#"{"__type":"com.amazonaws.rdsdata#DatabaseErrorException","Message":"syntax error"}"#, status: 400),
            code: .databaseError, message: "syntax error"),
        Shape(
            name: "coral suffix in the header",
            response: .json(
                #"{"message":"Transaction abc is not found"}"#, status: 404,
                headers: [("X-Amzn-ErrorType", "TransactionNotFoundException:http://internal.amazon.com/coral/com.amazon.rdsdataservice/")]),
            code: .transactionNotFound, message: "Transaction abc is not found"),
        Shape(
            name: "unknown code kept verbatim",
            response: .json(#"{"message":"nope"}"#, status: 400, headers: [("x-amzn-ErrorType", "BrandNewException")]),
            code: DataAPIError.Code(rawValue: "BrandNewException"), message: "nope"),
        Shape(
            name: "no code, no JSON",
            response: .text("<html>bad gateway</html>", status: 502),
            code: DataAPIError.Code(rawValue: "HTTP502"), message: "The Data API answered HTTP 502 without an error message."),
    ]

    @Test("code, message, status and request id", arguments: shapes)
    func shape(_ shape: Shape) async throws {
        var response = shape.response
        response.headers.append(("x-amzn-RequestId", "req-123"))
        try await ScriptedHTTPServer.withServer(responses: [response]) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let error = await #expect(throws: DataAPIError.self) { try await client.execute("SELECT 1") }
            #expect(error?.code == shape.code)
            #expect(error?.message == shape.message)
            #expect(error?.httpStatus == shape.response.status)
            #expect(error?.requestId == "req-123")
            #expect(server.requests.count == 1)
        }
    }

    @Test("StatementTimeoutException carries dbConnectionId")
    func statementTimeout() async throws {
        let response = ScriptedResponse.json(
            #"{"message":"statement timed out","dbConnectionId":8812}"#, status: 400,
            headers: [("x-amzn-ErrorType", "StatementTimeoutException")])
        try await ScriptedHTTPServer.withServer(responses: [response]) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let error = await #expect(throws: DataAPIError.self) { try await client.execute("SELECT pg_sleep(60)") }
            #expect(error?.code == .statementTimeout)
            #expect(error?.dbConnectionId == 8812)
        }
    }

    @Test("a 200 that is not a Data API answer is malformedResponse")
    func malformed() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.text("hello", status: 200)]) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let error = await #expect(throws: DataAPIError.self) { try await client.execute("SELECT 1") }
            #expect(error?.code == .malformedResponse)
        }
    }
}
