import AuroraDataAPI
import AuroraMigrate

/// The posts queries, bound parameters only, for the engine at hand.
struct PostsStore: Sendable {
    let client: DataAPIClient
    let engine: MigrationEngine

    /// One page of `GET /posts`.
    struct Page: Encodable, Sendable {
        var posts: [Post]
        /// Pass as `cursor` for the next page; nil on the last page.
        var nextCursor: String?
    }

    enum CreateOutcome: Sendable {
        case created(Post)
        case unknownUser
        case slugTaken
    }

    static let decoding = RecordDecodingOptions(keyDecodingStrategy: .convertFromSnakeCase)

    /// Published posts, newest first (by id, which grows with every insert), after `cursor`.
    func page(limit: Int, cursor: PostsCursor?) async throws -> Page {
        let fetch = Int64(limit + 1)
        let query: SQLQuery
        if let cursor {
            query = try "SELECT \(unsafeRaw: Post.columns) FROM posts WHERE published = TRUE AND id < \(cursor.beforeId) ORDER BY id DESC LIMIT \(fetch)"
        } else {
            query = try "SELECT \(unsafeRaw: Post.columns) FROM posts WHERE published = TRUE ORDER BY id DESC LIMIT \(fetch)"
        }
        var posts = try await client.query(Post.self, query, decoding: Self.decoding)
        var next: String?
        if posts.count > limit {
            posts.removeLast(posts.count - limit)
            next = posts.last.map { PostsCursor(beforeId: $0.id).text }
        }
        return Page(posts: posts, nextCursor: next)
    }

    func post(id: Int64) async throws -> Post? {
        try await client.query(Post.self, "SELECT \(unsafeRaw: Post.columns) FROM posts WHERE id = \(id)", decoding: Self.decoding).first
    }

    /// Inserts the post if its user exists, in one statement (`INSERT ... SELECT ... FROM users`), and reads it back:
    /// PostgreSQL with `RETURNING`, MySQL through the generated id.
    func create(_ post: NewPost) async throws -> CreateOutcome {
        let insert: SQLQuery = try """
            INSERT INTO posts (user_id, title, slug, body, published) \
            SELECT id, \(post.title), \(post.slug), \(post.body), \(post.published) FROM users WHERE id = \(post.userId)
            """
        do {
            switch engine {
            case .postgresql:
                let rows = try await client.query(Post.self, SQLQuery(unsafeSQL: insert.sql + " RETURNING " + Post.columns, parameters: insert.parameters), decoding: Self.decoding)
                return rows.first.map(CreateOutcome.created) ?? .unknownUser
            case .mysql:
                let response = try await client.execute(insert)
                guard (response.numberOfRecordsUpdated ?? 0) > 0 else { return .unknownUser }
                guard case .long(let id)? = response.generatedFields?.first, let created = try await self.post(id: id) else {
                    throw DataAPIError(code: .unsupportedResult, message: "the inserted post's id did not come back")
                }
                return .created(created)
            }
        } catch let error as DataAPIError where Self.isUniqueViolation(error) {
            return .slugTaken
        }
    }

    /// PostgreSQL's SQLSTATE 23505 or MySQL's error 1062 (duplicate key): the only unique key besides the id is the slug.
    static func isUniqueViolation(_ error: DataAPIError) -> Bool {
        let details = error.databaseDetails
        return details.sqlState == "23505" || details.engineErrorCode == 1062
    }
}
