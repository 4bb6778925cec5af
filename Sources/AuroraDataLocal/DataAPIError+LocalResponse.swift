#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPIModel
import HTTPTypes
import Hummingbird
import NIOCore

extension HTTPField.Name {
    /// `x-amzn-RequestId`, on every response.
    static let amznRequestId = HTTPField.Name("x-amzn-RequestId")!
    /// `x-amzn-ErrorType`, on every error response.
    static let amznErrorType = HTTPField.Name("x-amzn-ErrorType")!
}

extension DataAPIError {
    /// The error body the service sends: `{"message": ..., "code": ...}` plus `dbConnectionId` for
    /// `StatementTimeoutException`. `code` is what botocore and Soto read first; `x-amzn-ErrorType` is
    /// what aws-sdk-swift and aws-sdk-go-v2 read first. (dataapi-protocol.md 9.4)
    private struct Body: Encodable {
        var message: String
        var code: String
        var dbConnectionId: Int64?
    }

    /// Renders the error as the RDS Data API does on Aurora Serverless v2: modeled HTTP status,
    /// `x-amzn-ErrorType: <Code>` and a JSON body.
    func localResponse() -> Response {
        let status = httpStatus ?? code.httpStatus ?? 400
        let body = Body(message: message, code: code.rawValue, dbConnectionId: dbConnectionId)
        // Encoding two strings and an optional integer cannot fail.
        let bytes = (try? JSONEncoder().encode(body)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.amznErrorType] = code.rawValue
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    /// A `ValidationException` in the Coral form AWS front ends use.
    static func validation(_ message: String) -> DataAPIError {
        DataAPIError(code: .validation, message: message)
    }

    /// `1 validation error detected: Value ... at '<member>' failed to satisfy constraint: ...`.
    static func constraint(member: String, value: String?, _ constraint: String) -> DataAPIError {
        let shown = value.map { "'\($0)'" } ?? "null"
        return .validation(
            "1 validation error detected: Value \(shown) at '\(member)' failed to satisfy constraint: \(constraint)"
        )
    }
}
