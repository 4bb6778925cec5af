#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A row of `posts` (scripts/schema v2 and v4), decoded from Data API records and sent as JSON.
struct Post: Codable, Sendable, Equatable {
    var id: Int64
    var userId: Int64
    var title: String
    var slug: String
    var body: String
    var hits: Int64
    var published: Bool
    var createdAt: Date
    var updatedAt: Date

    /// The columns in the order the queries select them.
    static let columns = "id, user_id, title, slug, body, hits, published, created_at, updated_at"
}
