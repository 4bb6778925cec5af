import AuroraDataAPI
import AuroraSQLKit
import FluentKit
import Logging

extension DatabaseConfigurationFactory {
    /// Fluent over the RDS Data API: every query is one signed HTTPS call through `client`; no connection pool, no
    /// VPC access needed.
    ///
    /// ```swift
    /// let client = try await DataAPIClient.fromEnvironment()
    /// databases.use(.auroraDataAPI(client: client, engine: .postgresql), as: .psql)
    /// ```
    /// - Parameters:
    ///   - client: The Data API client, pointed at the cluster, secret and database.
    ///   - engine: The cluster's engine; nil asks the cluster once (`SELECT version()`), when the driver is made.
    ///   - sqlLogLevel: The level each statement's SQL is logged at (bound values never are).
    /// Implements https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.html
    public static func auroraDataAPI(
        client: DataAPIClient, engine: AuroraSQLEngine? = nil, sqlLogLevel: Logger.Level = .debug
    ) -> DatabaseConfigurationFactory {
        DatabaseConfigurationFactory {
            AuroraFluentConfiguration(client: client, engine: engine, sqlLogLevel: sqlLogLevel)
        }
    }
}

extension DatabaseConfigurationFactory {
    /// Fluent over the RDS Data API with a client configured the way the AWS SDKs configure themselves
    /// (`DataAPIClient.fromEnvironment`: `AURORA_RESOURCE_ARN`, `AURORA_SECRET_ARN`, `AURORA_DATABASE`, the region,
    /// endpoint and credential chain). A configuration file that uses it needs no `import AuroraDataAPI`.
    ///
    /// ```swift
    /// app.databases.use(try .auroraDataAPI(engine: .postgresql), as: .psql)
    /// ```
    /// - Parameters:
    ///   - resourceArn: The cluster ARN; nil reads `AURORA_RESOURCE_ARN`.
    ///   - secretArn: The secret ARN; nil reads `AURORA_SECRET_ARN`.
    ///   - database: The database; nil reads `AURORA_DATABASE`, else the secret's or cluster's default.
    ///   - engine: The cluster's engine; nil asks the cluster once.
    ///   - sqlLogLevel: The level each statement's SQL is logged at.
    /// - Throws: `DataAPIError` `invalidConfiguration` naming what is missing and how to set it.
    public static func auroraDataAPI(
        resourceArn: String? = nil, secretArn: String? = nil, database: String? = nil, engine: AuroraSQLEngine? = nil,
        sqlLogLevel: Logger.Level = .debug
    ) throws -> DatabaseConfigurationFactory {
        .auroraDataAPI(
            client: try DataAPIClient.fromEnvironment(resourceArn: resourceArn, secretArn: secretArn, database: database),
            engine: engine, sqlLogLevel: sqlLogLevel)
    }
}

/// The configuration behind ``FluentKit/DatabaseConfigurationFactory/auroraDataAPI(client:engine:sqlLogLevel:)``.
struct AuroraFluentConfiguration: DatabaseConfiguration {
    var middleware: [any AnyModelMiddleware] = []
    let client: DataAPIClient
    let engine: AuroraSQLEngine?
    let sqlLogLevel: Logger.Level

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        AuroraFluentDriver(client: client, engine: AuroraEngineResolver(client: client, given: engine), sqlLogLevel: sqlLogLevel)
    }
}

/// Makes a database per request context; there is no pool to shut down (the client owns its HTTP connections).
struct AuroraFluentDriver: DatabaseDriver {
    let client: DataAPIClient
    let engine: AuroraEngineResolver
    let sqlLogLevel: Logger.Level

    func makeDatabase(with context: DatabaseContext) -> any Database {
        AuroraFluentDatabase(context: context, client: client, engine: engine, sqlLogLevel: sqlLogLevel, transaction: nil)
    }

    func shutdown() {}
}
