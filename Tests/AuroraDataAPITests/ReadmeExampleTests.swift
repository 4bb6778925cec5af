import AuroraDataAPI
import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import AuroraSigV4
import Foundation
import Testing

/// The library example of README.md, run as written (only the client's construction differs: the README resolves
/// it from the environment, here the same call is given the local endpoint's environment).
@Suite("README library example")
struct ReadmeExampleTests {
    struct Post: Decodable { var id: Int64; var title: String; var createdAt: Date; var rating: Decimal? }

    @Test("runs against the local endpoint", arguments: [DatabaseEngine.postgresql, .mysql])
    func readmeExample(_ engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("readme")
        let client = try DataAPIClient.fromEnvironment(
            resourceArn: endpoint.resourceArn, secretArn: endpoint.secretArn, database: database,
            environment: [
                "AWS_ACCESS_KEY_ID": endpoint.credentials.accessKeyId,
                "AWS_SECRET_ACCESS_KEY": endpoint.credentials.secretAccessKey,
                "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_RDS_DATA": endpoint.url, "AWS_EC2_METADATA_DISABLED": "true",
            ]
        )
        for ddl in [
            "CREATE TABLE posts (id BIGINT PRIMARY KEY, user_id BIGINT, title VARCHAR(100), created_at TIMESTAMP(6), rating DECIMAL(3,1), hits INT DEFAULT 0)",
            "CREATE TABLE audit (post_id BIGINT)", "CREATE TABLE numbers (n BIGINT)",
        ] {
            try await client.execute(SQLQuery(unsafeSQL: ddl))
        }
        try await client.execute(
            "INSERT INTO posts (id, user_id, title, created_at, rating) VALUES (\(1), \(7), \("Hello"), \(Date(timeIntervalSince1970: 1_800_000_000.5)), \(Decimal(string: "4.5")!))")

        // --- README: begin ---
        let authorId = 7
        let since = Date(timeIntervalSince1970: 1_700_000_000)
        let posts = try await client.query(
            Post.self,
            "SELECT id, title, created_at, rating FROM posts WHERE user_id = \(authorId) AND created_at > \(since)",
            decoding: RecordDecodingOptions(keyDecodingStrategy: .convertFromSnakeCase)
        )

        try await client.withTransaction { tx in
            try await tx.execute("UPDATE posts SET hits = hits + 1 WHERE id = \(posts[0].id)")
            try await tx.execute("INSERT INTO audit (post_id) VALUES (\(posts[0].id))")
        }

        let sets = (1...10_000).map { [SqlParameter(name: "n", value: .long(Int64($0)))] }
        _ = try await client.batchExecute("INSERT INTO numbers (n) VALUES (:n)", parameterSets: sets)

        let table = "posts"
        _ = try await client.execute("SELECT count(*) FROM \(unsafeRaw: table)")
        // --- README: end ---

        #expect(posts.count == 1)
        #expect(posts.first?.title == "Hello")
        #expect(posts.first?.createdAt == Date(timeIntervalSince1970: 1_800_000_000.5))
        #expect(posts.first?.rating == Decimal(string: "4.5"))
        let counts = try await client.query(
            Int64.self, "SELECT (SELECT count(*) FROM numbers) + (SELECT count(*) FROM audit) + (SELECT sum(hits) FROM posts)")
        #expect(counts == [10_002])
    }
}
