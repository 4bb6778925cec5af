@testable import AuroraLambdaHandlers
import Foundation
import Testing

/// The pieces of the handlers that need no process or database.
@Suite("Lambda handler parts")
struct HandlerPartsTests {
    static let request = CloudFormationRequest([
        "RequestType": "Create", "StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/blog-prod/1134083a-2608",
        "RequestId": "r-1", "LogicalResourceId": "Migration", "ResponseURL": "https://example.com/x?sig=1",
    ])

    @Test("a Reason too long for 4096 bytes is cut on a character boundary, and says so")
    func responseFitsTheLimit() throws {
        let reason = String(repeating: "é migration failed: ", count: 600)
        let response = CloudFormationResponse(.failed, reason: reason, request: Self.request, physicalResourceId: "blog-prod:Migration:blog")
        let body = response.body()
        #expect(body.count <= 4096)
        #expect(body.count > 3900)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let cut = try #require(object["Reason"] as? String)
        #expect(cut.hasPrefix("é migration failed: é migration"))
        #expect(cut.hasSuffix("the function's log has the whole text)"))
        #expect(object["Status"] as? String == "FAILED")
        #expect(object["NoEcho"] as? Bool == false)
        // A short reason is kept whole.
        let short = CloudFormationResponse(.success, reason: "ok", request: Self.request, physicalResourceId: "p").body()
        #expect(String(decoding: short, as: UTF8.self).contains(#""Reason":"ok""#))
    }

    @Test("the physical id is stable: made from stack, logical id and database, or the one CloudFormation sent")
    func physicalId() {
        #expect(Self.request.stackName == "blog-prod")
        #expect(Self.request.physicalId(database: "blog") == "blog-prod:Migration:blog")
        var update = Self.request
        update.physicalResourceId = "given-id"
        #expect(update.physicalId(database: "other") == "given-id")
    }

    @Test("only absolute http(s) URLs with a host are usable response URLs; logs see them without the query")
    func responseURLs() {
        #expect(CloudFormationResponder.isUsable("https://bucket.s3.amazonaws.com/a%7Cb?X-Amz-Signature=1"))
        #expect(CloudFormationResponder.isUsable("http://127.0.0.1:4566/_ministack/cfn-response/1"))
        for bad in [nil, "", "ftp://x/y", "https:///path", "not a url", "https://?q"] as [String?] {
            #expect(!CloudFormationResponder.isUsable(bad), "\(bad ?? "nil")")
        }
        #expect(CloudFormationResponder.redacted("https://h/p%7Cq?X-Amz-Signature=secret") == "https://h/p%7Cq")
    }

    @Test("generated slugs are valid, readable and differ for one title")
    func slugs() {
        let first = NewPost.slug(from: "Hello, World! Ünïcode & 2026")
        let second = NewPost.slug(from: "Hello, World! Ünïcode & 2026")
        #expect(first.hasPrefix("hello-world-n-code-2026-"))
        #expect(NewPost.isSlug(first))
        #expect(first != second)
        #expect(NewPost.slug(from: "¡¿!").hasPrefix("post-"))
        #expect(NewPost.slug(from: String(repeating: "word ", count: 100)).count <= 90)
        #expect(!NewPost.isSlug("a--b") && !NewPost.isSlug("-a") && !NewPost.isSlug("A") && NewPost.isSlug("a-1"))
    }

    @Test("cursors round-trip and refuse anything else")
    func cursors() {
        let cursor = PostsCursor(beforeId: 1234567890123)
        #expect(PostsCursor(cursor.text) == cursor)
        #expect(!cursor.text.contains("=") && !cursor.text.contains("+") && !cursor.text.contains("/"))
        for bad in ["", "abc", Data("posts:-1".utf8).base64EncodedString(), Data("users:5".utf8).base64EncodedString()] {
            #expect(PostsCursor(bad) == nil, "\(bad)")
        }
    }

    @Test("API Gateway events: v1 and v2 told apart, a named stage removed, base64 bodies decoded")
    func gatewayEvents() throws {
        let v1 = try #require(APIGatewayRequest([
            "httpMethod": "post", "path": "/posts", "headers": ["Content-Type": "application/json"],
            "requestContext": ["stage": "prod", "requestId": "g1"], "body": .string(Data("{}".utf8).base64EncodedString()),
            "isBase64Encoded": .bool(true),
        ]))
        #expect(v1.version == .v1 && v1.method == "POST" && v1.path == "/posts" && v1.body == Array("{}".utf8))
        #expect(v1.headers["content-type"] == "application/json")
        let v2 = try #require(APIGatewayRequest([
            "version": "2.0", "rawPath": "/prod/posts/7", "queryStringParameters": ["limit": "5"],
            "requestContext": ["stage": "prod", "http": ["method": "GET", "path": "/prod/posts/7"]],
        ]))
        #expect(v2.version == .v2 && v2.path == "/posts/7" && v2.query == ["limit": "5"] && v2.body == nil)
        #expect(APIGatewayRequest(["command": "get"]) == nil)
    }
}
