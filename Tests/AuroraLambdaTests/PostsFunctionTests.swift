import AuroraDataAPI
import AuroraDatabaseDrivers
import AuroraDataLocal
import AuroraDataLocalTestSupport
import AuroraMigrate
import AuroraTestSupport
import Foundation
import Testing

/// The real `bootstrap` with `_HANDLER=posts` against the schema of `scripts/schema`, through API Gateway
/// REST (payload 1.0) and HTTP API (payload 2.0) events.
@Suite("posts function", .serialized)
struct PostsFunctionTests {
    enum Payload: String, CaseIterable, Sendable { case v1, v2 }

    struct Answer {
        var status: Int
        var headers: [String: String]
        var json: Any?
        var object: [String: Any] { json as? [String: Any] ?? [:] }
    }

    /// An API Gateway event for `method path` with `query` and `body`.
    static func event(_ payload: Payload, _ method: String, _ path: String, query: [String: String] = [:], body: String? = nil, base64: Bool = false) -> String {
        let encodedBody: Any = body.map { base64 ? Data($0.utf8).base64EncodedString() : $0 } ?? NSNull()
        let queryValue: Any = query.isEmpty ? NSNull() : query
        var object: [String: Any]
        switch payload {
        case .v1:
            object = [
                "resource": path.hasPrefix("/posts/") ? "/posts/{id}" : "/posts", "path": path, "httpMethod": method,
                "headers": ["Content-Type": "application/json"], "multiValueHeaders": ["Content-Type": ["application/json"]],
                "queryStringParameters": queryValue, "pathParameters": NSNull(), "stageVariables": NSNull(),
                "requestContext": ["requestId": "gw-1", "stage": "prod", "httpMethod": method, "path": "/prod" + path],
                "body": encodedBody, "isBase64Encoded": base64,
            ]
        case .v2:
            object = [
                "version": "2.0", "routeKey": "\(method) \(path)", "rawPath": path,
                "rawQueryString": query.map { "\($0.key)=\($0.value)" }.joined(separator: "&"),
                "headers": ["content-type": "application/json"], "queryStringParameters": queryValue,
                "requestContext": ["requestId": "gw-2", "stage": "$default", "http": ["method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1"]],
                "body": encodedBody, "isBase64Encoded": base64,
            ]
        }
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    static func call(_ lambda: LambdaFixture, _ payload: Payload, _ method: String, _ path: String, query: [String: String] = [:], body: String? = nil, base64: Bool = false) async throws -> Answer {
        let outcome = try await lambda.runtimeAPI.invoke(event(payload, method, path, query: query, body: body, base64: base64))
        #expect(outcome.kind == "response", "\(outcome.body)")
        let response = outcome.json
        let status = try #require(response["statusCode"] as? Int, "\(outcome.body)")
        #expect(response["isBase64Encoded"] as? Bool == false)
        let headers = response["headers"] as? [String: String] ?? [:]
        let text = response["body"] as? String ?? ""
        return Answer(status: status, headers: headers, json: try? JSONSerialization.jsonObject(with: Data(text.utf8)))
    }

    static func migrated(_ engine: DatabaseEngine) async throws -> LambdaFixture {
        let lambda = try await LambdaFixture.start(engine, handler: "posts", removing: ["AURORA_SCHEMA_DIR"])
        let migrator = Migrator(
            database: lambda.client, scripts: try MigrationScripts.load(directory: LambdaFixture.schemaDirectory),
            options: .init(appliedBy: "test"))
        _ = try await migrator.migrate()
        return lambda
    }

    @Test("create, read and page through posts; every refusal says what is wrong", arguments: [DatabaseEngine.postgresql, .mysql])
    func routes(engine: DatabaseEngine) async throws {
        let lambda = try await Self.migrated(engine)
        do {
            for payload in Payload.allCases {
                // POST /posts: 201, the record, Location.
                let created = try await Self.call(lambda, payload, "POST", "/posts", body: #"{"userId": 1, "title": "Hello \#(payload) ✓", "body": "Body with 'quotes'; and a semicolon", "slug": "hello-\#(payload)"}"#)
                #expect(created.status == 201, "\(created)")
                let id = try #require(created.object["id"] as? Int)
                #expect(created.headers["Location"] == "/posts/\(id)")
                #expect(created.headers["Content-Type"] == "application/json")
                #expect(created.object["title"] as? String == "Hello \(payload) ✓")
                #expect(created.object["slug"] as? String == "hello-\(payload)")
                #expect(created.object["userId"] as? Int == 1)
                #expect(created.object["published"] as? Bool == true)
                #expect((created.object["createdAt"] as? String)?.hasSuffix("Z") == true)

                // GET /posts/{id}
                let fetched = try await Self.call(lambda, payload, "GET", "/posts/\(id)")
                #expect(fetched.status == 200)
                #expect(fetched.object["id"] as? Int == id)
                #expect(fetched.object["body"] as? String == "Body with 'quotes'; and a semicolon")

                // A generated slug, a draft, and a base64 body.
                let draft = try await Self.call(lambda, payload, "POST", "/posts", body: #"{"userId": 2, "title": "Draft: ünïcödé & more", "body": "b", "published": false}"#, base64: true)
                #expect(draft.status == 201, "\(draft)")
                #expect((draft.object["slug"] as? String)?.hasPrefix("draft-n-c-d-more-") == true, "\(draft.object)")
                #expect(draft.object["published"] as? Bool == false)

                // 404 and 400 on ids.
                #expect(try await Self.call(lambda, payload, "GET", "/posts/999999").status == 404)
                let badId = try await Self.call(lambda, payload, "GET", "/posts/abc")
                #expect(badId.status == 400)
                #expect((badId.object["message"] as? String)?.contains("not a post id") == true)
                #expect(badId.object["requestId"] as? String != nil)
                #expect(try await Self.call(lambda, payload, "GET", "/posts/0").status == 400)
                #expect(try await Self.call(lambda, payload, "DELETE", "/posts/\(id)").status == 405)
                #expect(try await Self.call(lambda, payload, "GET", "/users").status == 404)
            }

            // Bodies POST /posts refuses, each with a message naming the problem.
            let refusals: [(String?, String)] = [
                (nil, "no body"),
                ("", "no body"),
                ("not json", "not valid JSON"),
                ("[1]", "must be a JSON object"),
                (#"{"title": "t", "body": "b"}"#, "'userId' is missing"),
                (#"{"userId": "1", "title": "t", "body": "b"}"#, "'userId' must be a positive integer"),
                (#"{"userId": 1.5, "title": "t", "body": "b"}"#, "'userId' must be a positive integer"),
                (#"{"userId": 1, "body": "b"}"#, "'title' is missing"),
                (#"{"userId": 1, "title": "   ", "body": "b"}"#, "'title' is empty"),
                (#"{"userId": 1, "title": 5, "body": "b"}"#, "'title' must be a string"),
                (#"{"userId": 1, "title": "\#(String(repeating: "x", count: 251))", "body": "b"}"#, "at most 250"),
                (#"{"userId": 1, "title": "t", "body": "\#(String(repeating: "é", count: 30_001))"}"#, "at most 60000"),
                (#"{"userId": 1, "title": "t", "body": "b", "slug": "Not A Slug"}"#, "'slug' may hold only"),
                (#"{"userId": 1, "title": "t", "body": "b", "published": "yes"}"#, "'published' must be true or false"),
                (#"{"userId": 1, "title": "t", "body": "b", "author": "me"}"#, "Unknown field 'author'"),
                (#"{"userId": 1, "title": "t", "body": "\#(String(repeating: "x", count: 70_000))"}"#, "at most 65536 are accepted"),
                (#"{"userId": 424242, "title": "t", "body": "b"}"#, "There is no user 424242"),
            ]
            for (body, message) in refusals {
                let answer = try await Self.call(lambda, .v2, "POST", "/posts", body: body)
                #expect(answer.status == 400, "\(body ?? "nil"): \(answer)")
                #expect((answer.object["message"] as? String)?.contains(message) == true, "\(body?.prefix(80) ?? "nil"): \(answer.object)")
            }
            let duplicate = try await Self.call(lambda, .v1, "POST", "/posts", body: #"{"userId": 1, "title": "again", "body": "b", "slug": "hello-v1"}"#)
            #expect(duplicate.status == 409, "\(duplicate)")

            // GET /posts: published only, newest first, in pages joined by the cursor.
            var seen: [Int] = []
            var cursor: String?
            repeat {
                let page = try await Self.call(lambda, .v1, "GET", "/posts", query: cursor.map { ["limit": "1", "cursor": $0] } ?? ["limit": "1"])
                #expect(page.status == 200)
                let posts = try #require(page.object["posts"] as? [[String: Any]])
                #expect(posts.count <= 1)
                seen += posts.compactMap { $0["id"] as? Int }
                #expect(posts.allSatisfy { $0["published"] as? Bool == true })
                cursor = page.object["nextCursor"] as? String
            } while cursor != nil && seen.count < 20
            let published = try await lambda.client.execute("SELECT id FROM posts WHERE published = TRUE ORDER BY id DESC").records ?? []
            #expect(seen == published.compactMap { if case .long(let id)? = $0.first { return Int(id) } else { return nil } })
            #expect(seen.count == 3)
            #expect(try await Self.call(lambda, .v2, "GET", "/posts", query: ["limit": "0"]).status == 400)
            #expect(try await Self.call(lambda, .v2, "GET", "/posts", query: ["limit": "101"]).status == 400)
            #expect(try await Self.call(lambda, .v2, "GET", "/posts", query: ["cursor": "garbage!"]).status == 400)

            // Direct invoke.
            let direct = try await lambda.runtimeAPI.invoke(#"{"command": "get", "limit": 2}"#)
            #expect((direct.json["posts"] as? [Any])?.count == 2)
            let directCreate = try await lambda.runtimeAPI.invoke(#"{"command": "create", "post": {"userId": 1, "title": "direct", "body": "b"}}"#)
            #expect(directCreate.json["title"] as? String == "direct")
            let refused = try await lambda.runtimeAPI.invoke(#"{"command": "create", "post": {"title": "direct"}}"#)
            #expect(refused.kind == "error")
            #expect(refused.errorType == "Function.InvalidRequest")
            let unknown = try await lambda.runtimeAPI.invoke(#"{"hello": 1}"#)
            #expect(unknown.kind == "error")
            #expect(unknown.errorType == "Function.InvalidEvent")
            // The body text posted never reaches the log.
            #expect(!lambda.process.log.contains("quotes"))
        } catch {
            Issue.record("\(error)\n\(lambda.process.log)")
        }
        await lambda.stop()
    }

    @Test("a database failure answers 500 with the request id and no SQL, ARN or secret", arguments: [DatabaseEngine.postgresql])
    func databaseFailure(engine: DatabaseEngine) async throws {
        // No migration: the posts table does not exist.
        let lambda = try await LambdaFixture.start(engine, handler: "posts")
        do {
            let answer = try await Self.call(lambda, .v2, "GET", "/posts")
            #expect(answer.status == 500)
            let text = String(describing: answer.object)
            #expect(answer.object["requestId"] as? String != nil)
            #expect(!text.contains("SELECT") && !text.contains("arn:aws") && !text.contains("posts\""))
            #expect(lambda.process.log.contains("DatabaseErrorException"))
        } catch {
            Issue.record("\(error)\n\(lambda.process.log)")
        }
        await lambda.stop()
    }
}

/// A cluster paused by Aurora Serverless v2's auto-pause, simulated by the local endpoint.
@Suite("posts function and a paused cluster", .serialized)
struct PostsPausedClusterTests {
    @Test("a resuming cluster is retried within the time left: 200 when it resumes in time, 503 with Retry-After when not")
    func resuming() async throws {
        let fixture = try await LocalEndpointFixture.shared(.postgresql)
        var configuration = fixture.configuration()
        configuration.autoPause = .init(idleAfter: .milliseconds(500), resumeAfter: .seconds(3))
        let pausing = LocalDataAPIServer(configuration: configuration)
        let port = try await pausing.start()
        let lambda = try await PostsFunctionTests.migrated(.postgresql)
        await lambda.stop()
        // A process of its own (and a Runtime API of its own) pointed at the pausing endpoint.
        let runtimeAPI = try await FakeLambdaRuntimeAPI.start()
        let process = try BootstrapProcess(environment: lambda.environment.merging([
            "AWS_ENDPOINT_URL_RDS_DATA": "http://127.0.0.1:\(port)", "AWS_LAMBDA_RUNTIME_API": runtimeAPI.address,
        ]) { _, new in new })
        do {
            try await Task.sleep(for: .seconds(1))
            let started = ContinuousClock.now
            let resumed = try await runtimeAPI.invoke(PostsFunctionTests.event(.v2, "GET", "/posts"), deadlineIn: .seconds(30))
            #expect(resumed.json["statusCode"] as? Int == 200, "\(resumed.body)\n\(process.log)")
            #expect(ContinuousClock.now - started > .seconds(2))
            try await Task.sleep(for: .seconds(1))
            let late = try await runtimeAPI.invoke(PostsFunctionTests.event(.v2, "GET", "/posts"), deadlineIn: .milliseconds(2500))
            #expect(late.json["statusCode"] as? Int == 503, "\(late.body)")
            #expect((late.json["headers"] as? [String: String])?["Retry-After"] == "5")
            #expect(process.log.contains("DatabaseResumingException") || process.log.contains("DeadlineExceeded"))
        } catch {
            Issue.record("\(error)\n\(process.log)")
        }
        await process.stop()
        await runtimeAPI.shutdown()
        await pausing.stop()
    }
}
