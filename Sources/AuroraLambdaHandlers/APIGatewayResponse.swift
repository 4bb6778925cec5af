/// A proxy integration response: `statusCode`, `headers`, `body` (text), `isBase64Encoded`; the same shape
/// serves payload 1.0 and 2.0.
struct APIGatewayResponse: Encodable, Sendable {
    var statusCode: Int
    var headers: [String: String]
    var body: String
    var isBase64Encoded = false

    /// A JSON response.
    static func json(_ status: Int, _ value: some Encodable, headers: [String: String] = [:]) -> APIGatewayResponse {
        var all = ["Content-Type": "application/json"]
        all.merge(headers) { _, new in new }
        return APIGatewayResponse(statusCode: status, headers: all, body: String(decoding: JSONOutput.encode(value), as: UTF8.self))
    }

    /// An error: `{"message": ..., "requestId": ...}`.
    static func error(_ status: Int, _ message: String, requestId: String, headers: [String: String] = [:]) -> APIGatewayResponse {
        json(status, ["message": JSONValue.string(message), "requestId": .string(requestId)], headers: headers)
    }
}
