import AuroraLambdaRuntime

extension PostsFunction {
    /// Direct invocations: `{"command": "get", "limit"?: 20, "cursor"?: "..."}` answers a page like `GET /posts`;
    /// `{"command": "create", "post": {...}}` answers the created post. Refusals are the invocation's error.
    func handleCommand(_ command: JSONValue, _ object: [String: JSONValue], context: LambdaContext) async throws -> [UInt8] {
        let store = try await store(context)
        switch command.string {
        case "get":
            var limit = Self.defaultLimit
            if let value = object["limit"] {
                guard case .integer(let number) = value, (1...Int64(Self.maximumLimit)).contains(number) else {
                    throw LambdaError(errorType: "Function.InvalidRequest", errorMessage: "limit must be a whole number from 1 to \(Self.maximumLimit).")
                }
                limit = Int(number)
            }
            var cursor: PostsCursor?
            if let text = object["cursor"]?.string {
                guard let value = PostsCursor(text) else {
                    throw LambdaError(errorType: "Function.InvalidRequest", errorMessage: "cursor is not one this function gave out.")
                }
                cursor = value
            }
            return JSONOutput.encode(try await store.page(limit: limit, cursor: cursor))
        case "create":
            guard let fields = object["post"]?.object else {
                throw LambdaError(errorType: "Function.InvalidRequest", errorMessage: #"create needs "post": {"userId", "title", "body", ...}."#)
            }
            let newPost: NewPost
            do {
                newPost = try NewPost(object: fields)
            } catch {
                throw LambdaError(errorType: "Function.InvalidRequest", errorMessage: error.message)
            }
            switch try await store.create(newPost) {
            case .created(let post): return JSONOutput.encode(post)
            case .unknownUser: throw LambdaError(errorType: "Function.InvalidRequest", errorMessage: "There is no user \(newPost.userId).")
            case .slugTaken: throw LambdaError(errorType: "Function.Conflict", errorMessage: "A post with the slug '\(newPost.slug)' exists.")
            }
        default:
            throw LambdaError(errorType: "Function.InvalidCommand", errorMessage: #"Unknown command; use "get" or "create"."#)
        }
    }
}
