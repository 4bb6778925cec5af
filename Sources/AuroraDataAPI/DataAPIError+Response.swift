import AuroraAWS
import AuroraDataAPIModel

extension DataAPIError {
    /// The error a non-2xx answer carries.
    ///
    /// The code comes from the `x-amzn-ErrorType` header, else the body's `code`, else `__type` (restJson1 error
    /// resolution, as botocore and aws-sdk-swift do it); namespace prefixes (`com.amazonaws.rdsdata#`) and `:`
    /// suffixes (`:http://internal.amazon.com/coral/...`) are stripped. Without any code, the HTTP status picks a
    /// generic one. The message comes from the body's `message` or `Message`.
    /// https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html#operation-error-serialization
    init(response: HTTPResponse) {
        let body = ErrorBody(json: response.body)
        let headerCode = response.header("x-amzn-ErrorType").map(Self.sanitizedCode).flatMap { $0.isEmpty ? nil : $0 }
        let code = headerCode ?? body.code.map(Self.sanitizedCode).flatMap { $0.isEmpty ? nil : $0 }
        let resolved = code.map(Code.init(rawValue:)) ?? Self.code(forStatus: response.status)
        let message =
            body.message.flatMap { $0.isEmpty ? nil : $0 }
            ?? "The Data API answered HTTP \(response.status) without an error message."
        self.init(
            code: resolved, message: message, httpStatus: response.status,
            requestId: response.header("x-amzn-RequestId"), dbConnectionId: body.dbConnectionId)
    }

    /// `com.amazonaws.rdsdata#BadRequestException:http://...` → `BadRequestException`.
    static func sanitizedCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return String(code.trimmingPrefix(" ")).filter { !$0.isWhitespace }
    }

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
