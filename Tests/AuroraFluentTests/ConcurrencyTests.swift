import AuroraFluent
import FluentKit
import Testing

/// Many Fluent queries at once on one client: no connection to share, each call is its own HTTP request; inside a
/// transaction they take turns (the Data API runs one statement of a transaction at a time).
@Suite("Concurrent Fluent queries on one client")
struct ConcurrencyTests {
    @Test("64 creates and 64 reads at once all complete, nothing lost", arguments: AuroraSQLEngine.allCases)
    func manyAtOnce(engine: AuroraSQLEngine) async throws {
        let fluent = try await FluentFixture.make(engine, prefix: "fluent_concurrent")
        let db = fluent.db
        try await CreateAuthors().prepare(on: db)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<64 {
                group.addTask { try await Author(name: "author \(index)", rating: Double(index)).create(on: db) }
                group.addTask { _ = try await Author.query(on: db).filter(\.$rating >= 0).count() }
            }
            try await group.waitForAll()
        }
        let authors = try await Author.query(on: db).all()
        #expect(authors.count == 64)
        #expect(Set(authors.map(\.name)).count == 64)
        #expect(Set(authors.compactMap(\.id)).count == 64)
        await fluent.shutdown()
    }

    @Test("concurrent statements in one transaction take turns and all commit", arguments: AuroraSQLEngine.allCases)
    func inOneTransaction(engine: AuroraSQLEngine) async throws {
        let fluent = try await FluentFixture.make(engine, prefix: "fluent_concurrent")
        try await CreateAuthors().prepare(on: fluent.db)
        try await fluent.db.transaction { db in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask { try await Author(name: "writer \(index)").create(on: db) }
                }
                try await group.waitForAll()
            }
        }
        #expect(try await Author.query(on: fluent.db).count() == 20)
        await fluent.shutdown()
    }
}
