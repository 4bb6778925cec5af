// The README's Fluent model and migration ("SQLKit and Fluent"), as written there: a file that imports FluentKit
// and not AuroraDataAPI.
import FluentKit
import Foundation

final class Post: Model, @unchecked Sendable {
    static let schema = "posts"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    init(title: String) { self.title = title }
}

struct CreatePosts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("posts").id()
            .field("title", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("posts").delete()
    }
}

/// The same model listing its properties, as docs/sqlkit-fluent.md ("Speed") shows: FluentKit then skips its
/// per-row reflection.
final class ListedPost: Model, @unchecked Sendable {
    static let schema = "posts"
    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    var properties: [any AnyProperty] { [$id, $title, $createdAt] }

    init() {}
    init(title: String) { self.title = title }
}
