import AuroraDataAPI
import AuroraLambdaRuntime
import AuroraMigrate
import Logging
import Synchronization

/// The `posts` handler: the blog's posts behind API Gateway (REST payload 1.0 or HTTP API payload 2.0) and
/// through direct invocation.
///
/// - `GET /posts?limit=20&cursor=...`: published posts, newest first, `{"posts": [...], "nextCursor": ...}`.
/// - `GET /posts/{id}`: one post (drafts too), 404 when there is none, 400 for an id that is not one.
/// - `POST /posts`: creates a post from `{"userId", "title", "body", "slug"?, "published"?}`; 201 with the post and
///   `Location: /posts/{id}`; 400 saying what is wrong with the body; 409 when the slug is taken.
/// - Direct: `{"command": "get", "limit"?, "cursor"?}` and `{"command": "create", "post": {...}}`.
/// Database failures answer 500, or 503 with `Retry-After` while the database is unavailable; the body holds the
/// request id and never SQL, ARNs or secrets. A cluster resuming from auto-pause is retried within the time the
/// invocation has left.
struct PostsFunction: LambdaHandler {
    let client: DataAPIClient
    let settings: LambdaSettings
    /// The engine from `AURORA_ENGINE`, else detected once with `SELECT version()`.
    private let detectedEngine = EngineCache()

    static let defaultLimit = 20
    static let maximumLimit = 100

    init(client: DataAPIClient, settings: LambdaSettings) {
        self.client = client
        self.settings = settings
    }

    func handle(_ event: [UInt8], context: LambdaContext) async throws -> [UInt8] {
        let object: [String: JSONValue]
        do {
            guard let parsed = try JSONValue.parse(event).object else { throw Self.invalidEvent("The event is not a JSON object.") }
            object = parsed
        } catch let error as LambdaError {
            throw error
        } catch {
            throw Self.invalidEvent("The event is not valid JSON.")
        }
        if let request = APIGatewayRequest(object) {
            return JSONOutput.encode(await respond(to: request, context: context))
        }
        if let command = object["command"] {
            return try await handleCommand(command, object, context: context)
        }
        throw Self.invalidEvent(#"Expected an API Gateway proxy event or {"command": "get" | "create"}."#)
    }

    static func invalidEvent(_ message: String) -> LambdaError {
        LambdaError(errorType: "Function.InvalidEvent", errorMessage: message)
    }

    /// Routes an API Gateway request; every outcome is an HTTP response.
    func respond(to request: APIGatewayRequest, context: LambdaContext) async -> APIGatewayResponse {
        let segments = request.segments
        guard segments.first == "posts", segments.count <= 2 else {
            return .error(404, "No route for \(request.method) \(request.path).", requestId: context.requestId)
        }
        do {
            switch (request.method, segments.count) {
            case ("GET", 1):
                return try await list(limitText: request.query["limit"], cursorText: request.query["cursor"], context: context)
            case ("GET", 2):
                guard let id = Int64(segments[1]), id > 0 else {
                    return .error(400, "'\(segments[1].prefix(40))' is not a post id; ids are positive integers.", requestId: context.requestId)
                }
                guard let post = try await store(context).post(id: id) else {
                    return .error(404, "There is no post \(id).", requestId: context.requestId)
                }
                return .json(200, post)
            case ("POST", 1):
                let newPost: NewPost
                do {
                    newPost = try NewPost(json: request.body)
                } catch {
                    return .error(400, error.message, requestId: context.requestId)
                }
                return try await create(newPost, context: context)
            default:
                let allowed = segments.count == 1 ? "GET, POST" : "GET"
                return .error(405, "\(request.method) is not allowed on \(request.path); use \(allowed).", requestId: context.requestId, headers: ["Allow": allowed])
            }
        } catch {
            return failure(error, context: context)
        }
    }

    private func list(limitText: String?, cursorText: String?, context: LambdaContext) async throws -> APIGatewayResponse {
        var limit = Self.defaultLimit
        if let limitText {
            guard let value = Int(limitText), (1...Self.maximumLimit).contains(value) else {
                return .error(400, "limit must be a whole number from 1 to \(Self.maximumLimit).", requestId: context.requestId)
            }
            limit = value
        }
        var cursor: PostsCursor?
        if let cursorText {
            guard let value = PostsCursor(cursorText) else {
                return .error(400, "cursor is not one this API gave out; pass nextCursor from the previous page unchanged.", requestId: context.requestId)
            }
            cursor = value
        }
        return .json(200, try await store(context).page(limit: limit, cursor: cursor))
    }

    private func create(_ newPost: NewPost, context: LambdaContext) async throws -> APIGatewayResponse {
        switch try await store(context).create(newPost) {
        case .created(let post):
            context.logger.info("created a post", metadata: ["postId": "\(post.id)"])
            return .json(201, post, headers: ["Location": "/posts/\(post.id)"])
        case .unknownUser:
            return .error(400, "There is no user \(newPost.userId); userId must name an existing user.", requestId: context.requestId)
        case .slugTaken:
            return .error(409, "A post with the slug '\(newPost.slug)' exists; choose another slug.", requestId: context.requestId)
        }
    }

    /// A 500 or 503 for a failure, logged without SQL or parameter values.
    private func failure(_ error: any Error, context: LambdaContext) -> APIGatewayResponse {
        guard let error = error as? DataAPIError else {
            context.logger.error("request failed", metadata: ["errorType": "\(type(of: error))"])
            return .error(500, "The request failed; quote this request id when reporting it.", requestId: context.requestId)
        }
        var metadata: Logger.Metadata = ["code": "\(error.code.rawValue)", "dataAPIRequestId": "\(error.requestId ?? "-")"]
        let details = error.databaseDetails
        if let code = details.engineErrorCode { metadata["engineErrorCode"] = "\(code)" }
        if let state = details.sqlState { metadata["sqlState"] = "\(state)" }
        // Database messages can quote parameter values, so only codes are logged for them.
        if error.code != .databaseError { metadata["message"] = "\(error.message)" }
        context.logger.error("Data API call failed", metadata: metadata)
        let unavailable: [DataAPIError.Code] = [
            .databaseResuming, .databaseUnavailable, .serviceUnavailable, .throttling, .tooManyRequests, .deadlineExceeded,
            .connectionFailed,
        ]
        if unavailable.contains(error.code) {
            return .error(503, "The database is not available right now; try again shortly.", requestId: context.requestId, headers: ["Retry-After": "5"])
        }
        return .error(500, "The database could not answer the request; quote this request id when reporting it.", requestId: context.requestId)
    }

    /// The store for this invocation: calls bounded by the time left, the engine known.
    func store(_ context: LambdaContext) async throws -> PostsStore {
        let client = client.limited(to: context.remainingTime() - .seconds(1))
        return PostsStore(client: client, engine: try await engine(client))
    }

    private func engine(_ client: DataAPIClient) async throws -> MigrationEngine {
        if let engine = settings.engine ?? detectedEngine.value.withLock({ $0 }) { return engine }
        let engine = try await MigrationEngine.detect(client)
        detectedEngine.value.withLock { $0 = engine }
        return engine
    }
}

/// The engine once detected, shared by the copies of the handler.
final class EngineCache: Sendable {
    let value = Mutex<MigrationEngine?>(nil)
}
