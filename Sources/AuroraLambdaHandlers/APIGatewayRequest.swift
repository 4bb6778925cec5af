#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An API Gateway proxy event, REST API payload 1.0 or HTTP API payload 2.0, told apart by the event itself
/// (`version: "2.0"` and `requestContext.http`, or `httpMethod`).
///
/// Implements https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
/// and https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
struct APIGatewayRequest: Sendable {
    enum PayloadVersion: Sendable { case v1, v2 }

    var version: PayloadVersion
    var method: String
    /// The resource path without a stage prefix, e.g. `/posts/42`.
    var path: String
    var query: [String: String]
    /// Header names lower-cased.
    var headers: [String: String]
    /// The body, base64-decoded when `isBase64Encoded`; nil when there is none.
    var body: [UInt8]?
    /// API Gateway's request id, when it sent one.
    var gatewayRequestId: String?

    /// Reads `object` as an API Gateway event; nil when it is not one.
    init?(_ object: [String: JSONValue]) {
        let context = object["requestContext"]?.object
        if object["version"]?.string == "2.0" || context?["http"]?.object != nil {
            guard let http = context?["http"]?.object, let method = http["method"]?.string else { return nil }
            version = .v2
            self.method = method.uppercased()
            path = object["rawPath"]?.string ?? http["path"]?.string ?? "/"
        } else if let method = object["httpMethod"]?.string {
            version = .v1
            self.method = method.uppercased()
            path = object["path"]?.string ?? "/"
        } else {
            return nil
        }
        // A named stage appears in the path of HTTP APIs (`/prod/posts`); `$default` does not.
        if let stage = context?["stage"]?.string, stage != "$default", path.hasPrefix("/\(stage)/") {
            path.removeFirst(stage.count + 1)
        }
        var query: [String: String] = [:]
        for (key, value) in object["queryStringParameters"]?.object ?? [:] {
            if let text = value.string { query[key] = text }
        }
        self.query = query
        var headers: [String: String] = [:]
        for (key, value) in object["headers"]?.object ?? [:] {
            if let text = value.string { headers[key.lowercased()] = text }
        }
        self.headers = headers
        gatewayRequestId = context?["requestId"]?.string
        if let text = object["body"]?.string {
            if case .bool(true) = object["isBase64Encoded"] ?? .null {
                body = Data(base64Encoded: text).map { [UInt8]($0) } ?? []
            } else {
                body = Array(text.utf8)
            }
        } else {
            body = nil
        }
    }

    /// The path's segments: `/posts/42/` gives `["posts", "42"]`.
    var segments: [Substring] {
        path.split(separator: "/")
    }
}
