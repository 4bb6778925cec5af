import AuroraAWS
import AuroraDataAPI
import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraDatabaseServers
import AuroraDataLocal
import AuroraSigV4
import Foundation
import Synchronization

/// A local Data API endpoint on a throwaway PostgreSQL or MariaDB server, shared by every test of the
/// process and started on first use. Tests call ``makeDatabase(_:)`` for a database of their own so they
/// don't collide, and ``client(database:)`` or ``send(_:body:)`` to talk to the endpoint over real HTTP.
///
/// ```swift
/// let endpoint = try await LocalEndpointFixture.shared(.postgresql)
/// let database = try await endpoint.makeDatabase("orders")
/// let client = endpoint.client(database: database)
/// ```
public final class LocalEndpointFixture: Sendable {
    public let engine: DatabaseEngine
    /// The throwaway database server behind the endpoint.
    public let databaseServer: LocalDatabaseServer
    public let server: LocalDataAPIServer
    /// `http://127.0.0.1:<port>`.
    public let url: String
    public let port: Int
    public let resourceArn: String
    public let secretArn: String
    /// The cluster's default database (used when a request names none).
    public let database: String
    /// The access key pair the endpoint accepts (the documented local pair).
    public let credentials: AWSCredentials
    public let region = "us-east-1"

    private init(
        engine: DatabaseEngine, databaseServer: LocalDatabaseServer, server: LocalDataAPIServer, port: Int,
        resourceArn: String, secretArn: String, database: String, credentials: AWSCredentials
    ) {
        self.engine = engine
        self.databaseServer = databaseServer
        self.server = server
        self.port = port
        self.url = "http://127.0.0.1:\(port)"
        self.resourceArn = resourceArn
        self.secretArn = secretArn
        self.database = database
        self.credentials = credentials
    }

    /// The shared endpoint for `engine`, started on first use.
    public static func shared(_ engine: DatabaseEngine) async throws -> LocalEndpointFixture {
        try await registry.fixture(engine)
    }

    /// Creates a fresh, empty database named `<prefix>_<random>` and returns its name.
    public func makeDatabase(_ prefix: String = "test") async throws -> String {
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let name = "\(prefix)_\(suffix)"
        try await databaseServer.createDatabase(name)
        return name
    }

    /// The configuration of the shared endpoint, for tests that start an endpoint of their own on the same
    /// database server with other settings (short timeouts, small limits, auto-pause).
    public func configuration() -> LocalEndpointConfiguration {
        LocalEndpointConfiguration(
            clusters: [resourceArn: .init(backend: databaseServer.backend, defaultDatabase: database)],
            secrets: [secretArn: databaseServer.address.credentials]
        )
    }

    /// The project's client, pointed at this endpoint with the local credentials.
    public func client(
        database: String? = nil, retryPolicy: RetryPolicy = .default, endpointURL: String? = nil,
        secretArn: String? = nil
    ) -> DataAPIClient {
        DataAPIClient(
            configuration: .init(
                resourceArn: resourceArn, secretArn: secretArn ?? self.secretArn, database: database, region: region,
                endpoint: endpointURL ?? url, retryPolicy: retryPolicy
            ),
            credentialProvider: StaticCredentialProvider(credentials),
            transport: AsyncHTTPClientTransport()
        )
    }

    /// How ``send(_:body:to:signing:date:extraHeaders:)`` signs.
    public enum Signing: Sendable {
        /// With the local pair.
        case local
        case with(AWSCredentials)
        case unsigned
    }

    /// Sends one raw request: `POST <url><path>` with a JSON body, signed at `date`.
    public func send(
        _ path: String, body: String, to endpointURL: String? = nil, signing: Signing = .local,
        date: Date = Date(), extraHeaders: [(name: String, value: String)] = [],
        transport: AsyncHTTPClientTransport = AsyncHTTPClientTransport()
    ) async throws -> HTTPResponse {
        let target = (endpointURL ?? url) + path
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")] + extraHeaders
        let bytes = Array(body.utf8)
        let signingCredentials: AWSCredentials?
        switch signing {
        case .local: signingCredentials = credentials
        case .with(let other): signingCredentials = other
        case .unsigned: signingCredentials = nil
        }
        if let signing = signingCredentials {
            let signed = try SigV4Signer(service: "rds-data", region: region).sign(
                method: "POST", url: target, headers: headers, body: bytes, credentials: signing, date: date
            )
            headers.append(("X-Amz-Date", signed.amzDate))
            headers.append(("Authorization", signed.authorization))
        }
        return try await transport.send(
            HTTPRequest(method: "POST", url: target, headers: headers, body: bytes), timeout: .seconds(120)
        )
    }

    // MARK: - Shared instances

    private static let registry = Registry()

    private actor Registry {
        private var starting: [DatabaseEngine: Task<LocalEndpointFixture, any Error>] = [:]

        func fixture(_ engine: DatabaseEngine) async throws -> LocalEndpointFixture {
            if let task = starting[engine] { return try await task.value }
            let task = Task { try await LocalEndpointFixture.start(engine) }
            starting[engine] = task
            return try await task.value
        }
    }

    private static func start(_ engine: DatabaseEngine) async throws -> LocalEndpointFixture {
        let databaseServer = try await LocalDatabaseServer.start(engine)
        let database = "aurora"
        try await databaseServer.createDatabase(database)
        let resourceArn = LocalEndpointConfiguration.defaultResourceArn(engine)
        let secretArn = LocalEndpointConfiguration.defaultSecretArn(engine)
        let configuration = LocalEndpointConfiguration(
            clusters: [resourceArn: .init(backend: databaseServer.backend, defaultDatabase: database)],
            secrets: [secretArn: databaseServer.address.credentials]
        )
        let server = LocalDataAPIServer(configuration: configuration)
        let port = try await server.start()
        return LocalEndpointFixture(
            engine: engine, databaseServer: databaseServer, server: server, port: port, resourceArn: resourceArn,
            secretArn: secretArn, database: database, credentials: LocalEndpointConfiguration.defaultCredentials
        )
    }
}
