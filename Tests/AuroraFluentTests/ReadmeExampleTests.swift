import AuroraFluent
import Foundation
import Logging
import NIOPosix
import Testing

/// The README's Fluent example runs as written, on both engines (with the test endpoint's client instead of the
/// environment's).
@Suite("README: Fluent over the Data API")
struct ReadmeExampleTests {
    struct TitleRow: Decodable { var title: String }

    @Test("a model with a migration, saved and queried", arguments: AuroraSQLEngine.allCases)
    func example(engine: AuroraSQLEngine) async throws {
        let fixture = try await DriverFixture.make(engine, prefix: "readme")
        let logger = Logger(label: "readme")

        let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.auroraDataAPI(client: fixture.client, engine: engine), as: .psql)
        let db = databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!

        try await CreatePosts().prepare(on: db)
        try await Post(title: "Hello, Aurora").create(on: db)
        let posts = try await Post.query(on: db).filter(\.$title == "Hello, Aurora").all()

        let sql = db as! any SQLDatabase
        let titles = try await sql.select().column("title").from("posts").all(decoding: TitleRow.self)

        #expect(posts.count == 1)
        #expect(posts[0].id != nil)
        #expect(abs(try #require(posts[0].createdAt).timeIntervalSinceNow) < 60)
        #expect(titles.map(\.title) == ["Hello, Aurora"])
        await databases.shutdownAsync()
    }

    @Test("a model that lists its properties saves, reads and updates like the default one", arguments: AuroraSQLEngine.allCases)
    func listedProperties(engine: AuroraSQLEngine) async throws {
        let fixture = try await DriverFixture.make(engine, prefix: "listed")
        let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.auroraDataAPI(client: fixture.client, engine: engine), as: .psql)
        let db = databases.database(logger: Logger(label: "listed"), on: MultiThreadedEventLoopGroup.singleton.any())!

        try await CreatePosts().prepare(on: db)
        let listed = ListedPost(title: "listed")
        try await listed.create(on: db)
        try await Post(title: "default").create(on: db)

        let viaListed = try await ListedPost.query(on: db).sort(\.$title).all()
        let viaDefault = try await Post.query(on: db).sort(\.$title).all()
        #expect(viaListed.map(\.title) == ["default", "listed"])
        #expect(viaListed.map(\.id) == viaDefault.map(\.id))
        #expect(viaListed.map(\.createdAt) == viaDefault.map(\.createdAt))
        #expect(viaListed.allSatisfy { $0.createdAt != nil })

        viaListed[1].title = "listed, renamed"
        try await viaListed[1].save(on: db)
        let renamed = try await Post.find(listed.id, on: db)
        #expect(renamed?.title == "listed, renamed")
        await databases.shutdownAsync()
    }

    @Test("the environment's client: the factory resolves the configuration, then the first query calls")
    func environmentFactory() throws {
        let factory = try DatabaseConfigurationFactory.auroraDataAPI(
            resourceArn: "arn:aws:rds:eu-west-1:123456789012:cluster:blog",
            secretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:blog-AbCdEf", engine: .mysql)
        let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(factory, as: .mysql)
        let db = try #require(databases.database(.mysql, logger: Logger(label: "readme"), on: MultiThreadedEventLoopGroup.singleton.any()))
        #expect((db as? any SQLDatabase)?.dialect.name == "mysql")
        databases.shutdown()
    }
}
