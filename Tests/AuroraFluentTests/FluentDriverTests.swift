import AuroraDataAPI
import AuroraFluent
import FluentKit
import FluentSQL
import NIOPosix
import SQLKit
import Testing

/// The Fluent driver's own behaviour, beyond Fluent's benchmark: generated ids, errors Fluent recognises,
/// engine detection, and MySQL's missing OFFSET-without-LIMIT.
@Suite("Fluent over the Data API")
struct FluentDriverTests {
    @Test("creates get their database-generated ids, in order", arguments: AuroraSQLEngine.allCases)
    func generatedIDs(engine: AuroraSQLEngine) async throws {
        let fluent = try await FluentFixture.make(engine, prefix: "fluent_ids")
        try await CreateAuthors().prepare(on: fluent.db)
        let sun = Author(name: "Sun"), vega = Author(name: "Vega")
        try await sun.create(on: fluent.db)
        try await vega.create(on: fluent.db)
        let first = try #require(sun.id), second = try #require(vega.id)
        #expect(second == first + 1)
        #expect(try await Author.find(second, on: fluent.db)?.name == "Vega")
        await fluent.shutdown()
    }

    @Test("unique and foreign-key violations are constraint failures; bad SQL is a syntax error",
        arguments: AuroraSQLEngine.allCases)
    func databaseErrors(engine: AuroraSQLEngine) async throws {
        let fluent = try await FluentFixture.make(engine, prefix: "fluent_errors")
        try await CreateAuthors().prepare(on: fluent.db)
        try await Author(name: "Sun").create(on: fluent.db)
        await #expect {
            try await Author(name: "Sun").create(on: fluent.db)
        } throws: { error in
            let database = error as? any DatabaseError
            return database?.isConstraintFailure == true && database?.isSyntaxError == false
        }
        await #expect {
            try await Book(name: "Orphan", authorID: 999).create(on: fluent.db)
        } throws: { error in
            (error as? any DatabaseError)?.isConstraintFailure == true
        }
        await #expect {
            try await (fluent.db as! any SQLDatabase).raw("SELEC 1").run()
        } throws: { error in
            (error as? any DatabaseError)?.isSyntaxError == true
        }
        #expect(try await Author.query(on: fluent.db).count() == 1)
        await fluent.shutdown()
    }

    @Test("the engine is detected once when not given", arguments: AuroraSQLEngine.allCases)
    func detection(engine: AuroraSQLEngine) async throws {
        let fluent = try await FluentFixture.make(engine, prefix: "fluent_detect", givingEngine: false)
        #expect(try await AuroraSQLEngine.detect(using: fluent.driver.client) == engine)
        try await CreateAuthors().prepare(on: fluent.db)
        try await Author(name: "Sirius").create(on: fluent.db)
        #expect(try await Author.query(on: fluent.db).filter(\.$name == "Sirius").first()?.id != nil)
        #expect((fluent.db as! any SQLDatabase).dialect.name == engine.rawValue)
        await fluent.shutdown()
    }

    @Test("an open range (OFFSET without LIMIT) works on both engines", arguments: AuroraSQLEngine.allCases)
    func openRange(engine: AuroraSQLEngine) async throws {
        let fluent = try await FluentFixture.make(engine, prefix: "fluent_range")
        try await CreateAuthors().prepare(on: fluent.db)
        for name in ["a", "b", "c", "d"] { try await Author(name: name).create(on: fluent.db) }
        let rest = try await Author.query(on: fluent.db).sort(\.$name).range(2...).all()
        #expect(rest.map(\.name) == ["c", "d"])
        await fluent.shutdown()
    }

    @Test("schema changes through Fluent's migrator: create, add a column, revert", arguments: AuroraSQLEngine.allCases)
    func migrator(engine: AuroraSQLEngine) async throws {
        let fluent = try await FluentFixture.make(engine, prefix: "fluent_migrate")
        let migrations = Migrations()
        migrations.add(CreateAuthors())
        let migrator = Migrator(
            databases: fluent.databases, migrations: migrations, logger: .init(label: "migrator"),
            on: MultiThreadedEventLoopGroup.singleton.any())
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
        try await Author(name: "Sun", rating: 1.0).create(on: fluent.db)
        try await fluent.db.schema(Author.schema).field("spectral", .string).update()
        let names = try await (fluent.db as! any SQLDatabase).raw("SELECT name, spectral FROM authors").all()
        #expect(names.count == 1)
        #expect(try names[0].decodeNil(column: "spectral"))
        try await migrator.revertAllBatches().get()
        await #expect(throws: (any Error).self) { try await Author.query(on: fluent.db).count() }
        await fluent.shutdown()
    }
}
