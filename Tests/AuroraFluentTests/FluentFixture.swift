import AuroraFluent
import FluentKit
import Logging
import NIOPosix

/// Fluent on a fresh database behind the local endpoint of an engine.
struct FluentFixture {
    let driver: DriverFixture
    let databases: Databases

    /// - Parameter engine: nil leaves the engine to the driver's detection.
    static func make(_ engine: AuroraSQLEngine, prefix: String, givingEngine: Bool = true) async throws -> FluentFixture {
        let driver = try await DriverFixture.make(engine, prefix: prefix)
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.auroraDataAPI(client: driver.client, engine: givingEngine ? engine : nil), as: .init(string: "main"))
        return FluentFixture(driver: driver, databases: databases)
    }

    var db: any Database {
        databases.database(logger: Logger(label: "fluent-tests"), on: MultiThreadedEventLoopGroup.singleton.any())!
    }

    func shutdown() async { await databases.shutdownAsync() }
}

/// An author with a database-generated integer id (AUTO_INCREMENT on MySQL, an identity column on PostgreSQL) and a
/// unique name.
final class Author: Model, @unchecked Sendable {
    static let schema = "authors"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    @OptionalField(key: "rating") var rating: Double?

    init() {}

    init(name: String, rating: Double? = nil) {
        self.name = name
        self.rating = rating
    }
}

/// A book that must belong to an existing author (a foreign key).
final class Book: Model, @unchecked Sendable {
    static let schema = "books"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Parent(key: "author_id") var author: Author

    init() {}

    init(name: String, authorID: Int) {
        self.name = name
        self.$author.id = authorID
    }
}

struct CreateAuthors: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Author.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("rating", .double)
            .unique(on: "name")
            .create()
        try await database.schema(Book.schema)
            .id()
            .field("name", .string, .required)
            .field("author_id", .int, .required, .references(Author.schema, .id))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Book.schema).delete()
        try await database.schema(Author.schema).delete()
    }
}
