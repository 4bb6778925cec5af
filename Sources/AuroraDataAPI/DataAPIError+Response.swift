import AuroraAWS
import AuroraDataAPIModel

extension DataAPIError {
    /// The error a non-2xx answer carries.
    ///
    /// The code comes from the `x-amzn-ErrorType` header, else the body's `code`, else `__type` (restJson1 error
    /// resolution, as botocore and aws-sdk-swift do it), cleaned of namespace prefixes (`com.amazonaws.rdsdata#`)
    /// and `:` suffixes (`:http://internal.amazon.com/coral/...`) by ``ErrorBody/normalizedCode(_:)``. Without any
    /// code, the HTTP status picks a generic one. The message comes from the body's `message` or `Message`.
    /// https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html#operation-error-serialization
    init(response: HTTPResponse) {
        let body = (try? ErrorBody(json: response.body)) ?? ErrorBody()
        let code = [response.header("x-amzn-ErrorType"), body.code, body.typeField]
            .lazy.compactMap { $0.map(ErrorBody.normalizedCode) }
            .first { !$0.isEmpty }
        let message =
            body.message.flatMap { $0.isEmpty ? nil : $0 }
            ?? "The Data API answered HTTP \(response.status) without an error message."
        self.init(
            code: code.map(Code.init(rawValue:)) ?? Self.code(forStatus: response.status), message: message,
            httpStatus: response.status, requestId: response.header("x-amzn-RequestId"),
            dbConnectionId: body.dbConnectionId)
    }

    /// A generic code for an answer without one (a proxy's page, an empty body).
    private static func code(forStatus status: Int) -> Code {
        switch status {
        case 429: return .tooManyRequests
        case 403: return .accessDenied
        case 404: return .notFound
        case 413: return .requestEntityTooLarge
        case 500: return .internalServerError
        case 503: return .serviceUnavailable
        default: return Code(rawValue: "HTTP\(status)")
        }
    }
}
