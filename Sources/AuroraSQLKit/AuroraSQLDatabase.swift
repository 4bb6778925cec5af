import AuroraDataAPI
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// SQLKit over the RDS Data API: every statement is one signed `ExecuteStatement` call through a
/// `DataAPIClient`, with SQLKit's binds sent as typed named parameters and the rows read as ``AuroraSQLRow``s.
///
/// ```swift
/// let sql = try await AuroraSQLDatabase.connect(client: client)   // or AuroraSQLDatabase(client: client, engine: .mysql)
/// let planets = try await sql.select().columns("id", "name").from("planets")
///     .where("star", .equal, "Sun").all(decoding: Planet.self)
/// ```
/// There is no connection: statements outside a transaction may run on different database connections, so
/// work that must share one (session settings, `LAST_INSERT_ID()`, temporary tables) goes in ``withSession(_:)``
/// or ``withTransaction(_:)``, which run it in one Data API transaction.
///
/// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html
public struct AuroraSQLDatabase: SQLDatabase {
    /// The client every statement goes through.
    public let client: DataAPIClient
    /// The cluster's engine, which picks the dialect.
    public let engine: AuroraSQLEngine
    /// Receives each statement's SQL at ``queryLogLevel`` (never the bound values).
    public let logger: Logger
    /// Where the future-based API completes its futures; the calls themselves run in Swift tasks.
    public let eventLoop: any EventLoop
    /// The level statements are logged at; nil logs none.
    public let queryLogLevel: Logger.Level?
    /// The transaction statements run in, inside ``withTransaction(_:)``.
    public let transaction: DataAPITransaction?

    /// A database on `client` for a cluster of the given engine.
    /// - Parameters:
    ///   - client: The Data API client, pointed at the cluster (and database) to use.
    ///   - engine: The cluster's engine; ``AuroraSQLEngine/detect(using:)`` or ``connect(client:logger:eventLoop:queryLogLevel:)`` finds it.
    ///   - logger: Receives statements' SQL; silent by default.
    ///   - eventLoop: Completes the future-based API's futures; one of NIO's shared loops by default.
    ///   - queryLogLevel: The level SQL is logged at.
    ///   - transaction: A transaction of `client` to run every statement in (``withTransaction(_:)`` passes its own).
    public init(
        client: DataAPIClient, engine: AuroraSQLEngine,
        logger: Logger = Logger(label: "aurora-data.sqlkit", factory: { _ in SwiftLogNoOpLogHandler() }),
        eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any(), queryLogLevel: Logger.Level? = .debug,
        transaction: DataAPITransaction? = nil
    ) {
        self.client = client
        self.engine = engine
        self.logger = logger
        self.eventLoop = eventLoop
        self.queryLogLevel = queryLogLevel
        self.transaction = transaction
    }

    /// A database on `client` whose engine is asked of the cluster first (one `SELECT version()` call).
    /// - Throws: the detection call's error.
    public static func connect(
        client: DataAPIClient,
        logger: Logger = Logger(label: "aurora-data.sqlkit", factory: { _ in SwiftLogNoOpLogHandler() }),
        eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any(), queryLogLevel: Logger.Level? = .debug
    ) async throws -> AuroraSQLDatabase {
        AuroraSQLDatabase(
            client: client, engine: try await AuroraSQLEngine.detect(using: client), logger: logger,
            eventLoop: eventLoop, queryLogLevel: queryLogLevel)
    }

    /// The engine's dialect (``AuroraPostgreSQLDialect`` or ``AuroraMySQLDialect``).
    public var dialect: any SQLDialect { engine.dialect }

    /// Runs one statement and hands each row to `onRow`, completing on ``eventLoop``.
    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        eventLoop.makeFutureWithTask { try await self.run(query, onRow) }.map { _ in }
    }

    /// Runs one statement and hands each row to `onRow`.
    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await run(query, onRow)
    }

    /// Runs `closure` with a database whose statements share one database connection: a Data API transaction,
    /// committed when `closure` returns and rolled back when it throws (see ``withTransaction(_:)``).
    public func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await withTransaction { try await closure($0) }
    }
}
