import AuroraDataAPI
import AuroraSQLKit
import FluentKit
import FluentSQL
import Logging
import SQLKit

/// A Fluent database over the Data API: queries, schema and enums become SQL for the cluster's engine and run
/// through ``AuroraSQLKit/AuroraSQLDatabase``; transactions are Data API transactions.
///
/// It is also an `SQLDatabase`, so `db as? any SQLDatabase` gives SQLKit's builders on the same client (and, inside
/// `transaction`, in the same transaction).
struct AuroraFluentDatabase: Database, SQLDatabase {
    let context: DatabaseContext
    let client: DataAPIClient
    let engine: AuroraEngineResolver
    let sqlLogLevel: Logger.Level
    /// The transaction this database's statements run in, inside `transaction`.
    let transaction: DataAPITransaction?

    var inTransaction: Bool { transaction != nil }

    /// The SQLKit database for the engine, in this database's transaction if any.
    func sql() async throws -> AuroraSQLDatabase {
        sql(engine: try await engine.resolve())
    }

    private func sql(engine: AuroraSQLEngine) -> AuroraSQLDatabase {
        AuroraSQLDatabase(
            client: client, engine: engine, logger: context.logger, eventLoop: context.eventLoop,
            queryLogLevel: sqlLogLevel, transaction: transaction)
    }

    // MARK: Database

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        // Fluent reads outputs on the database's event loop.
        eventLoop.makeFutureWithTask { try await self.run(query: query) }.map { outputs in outputs.forEach(onOutput) }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.run(schema: schema) }
    }

    /// Nothing to run: enums are `ENUM(…)` column types on MySQL and text on PostgreSQL (``AuroraConverterDelegate``).
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        eventLoop.makeSucceededFuture(())
    }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        if inTransaction { return closure(self) }
        return eventLoop.makeFutureWithTask { try await self.inNewTransaction { try await closure($0).get() } }
    }

    /// The Data API keeps no connection: the closure gets this database.
    func withConnection<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    // MARK: SQLDatabase

    var logger: Logger { context.logger }
    var eventLoop: any EventLoop { context.eventLoop }
    var queryLogLevel: Logger.Level? { sqlLogLevel }

    /// The engine's dialect; PostgreSQL's while a detection started by the driver is still running.
    var dialect: any SQLDialect { (engine.known ?? .postgresql).dialect }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.sql().execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await sql().execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        if inTransaction { return try await closure(self) }
        return try await inNewTransaction { database in Unchecked(try await closure(database)) }.value
    }

    /// Runs `body` with a copy of this database inside a new Data API transaction.
    private func inNewTransaction<T: Sendable>(_ body: @escaping @Sendable (AuroraFluentDatabase) async throws -> T)
        async throws -> T
    {
        try await client.withTransaction { transaction in
            try await body(
                AuroraFluentDatabase(
                    context: context, client: client, engine: engine, sqlLogLevel: sqlLogLevel, transaction: transaction))
        }
    }
}

/// Carries a value whose type Fluent does not require to be `Sendable` out of a transaction; it is handed over
/// once, from the task that made it to the task that awaits it.
struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
