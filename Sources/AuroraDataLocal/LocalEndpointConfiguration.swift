#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDatabaseDrivers
import AuroraSigV4

/// Everything a ``LocalDataAPIServer`` needs: where to listen, whom to accept, which clusters and secrets
/// exist, and the limits and lifecycles of Aurora Serverless v2 it reproduces.
///
/// Defaults follow the RDS Data API documentation ("Limitations for the Data API",
/// https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.html#data-api.limitations).
public struct LocalEndpointConfiguration: Sendable {
    /// One Aurora cluster the endpoint answers for.
    public struct Cluster: Sendable {
        public var backend: any DatabaseBackend
        /// The database used when a request names none (the cluster's default database).
        public var defaultDatabase: String?
        public init(backend: any DatabaseBackend, defaultDatabase: String? = nil) {
            self.backend = backend
            self.defaultDatabase = defaultDatabase
        }
    }

    /// Size limits of the Data API.
    public struct Limits: Sendable, Hashable {
        /// Database data returned by one call (1 MiB).
        public var responseBytes: Int
        /// One HTTP request, headers and body (4 MiB).
        public var requestBytes: Int
        /// One result row (64 KB).
        public var rowBytes: Int
        /// `formattedRecords` of a `formatRecordsAs: JSON` call (10 MB).
        public var formattedRecordsBytes: Int

        public init(
            responseBytes: Int = 1 << 20, requestBytes: Int = 4 << 20, rowBytes: Int = 64 * 1024,
            formattedRecordsBytes: Int = 10 * 1024 * 1024
        ) {
            self.responseBytes = responseBytes
            self.requestBytes = requestBytes
            self.rowBytes = rowBytes
            self.formattedRecordsBytes = formattedRecordsBytes
        }
    }

    /// Aurora Serverless v2 auto-pause: after `idleAfter` without calls (and no open transaction) the
    /// cluster pauses; the next call gets `DatabaseResumingException` and the database answers again
    /// `resumeAfter` later.
    public struct AutoPause: Sendable, Hashable {
        public var idleAfter: Duration
        public var resumeAfter: Duration
        public init(idleAfter: Duration, resumeAfter: Duration) {
            self.idleAfter = idleAfter
            self.resumeAfter = resumeAfter
        }
    }

    /// The access key pair the endpoint accepts by default. It is not a secret: it only works here.
    public static let defaultCredentials = AWSCredentials(
        accessKeyId: "AKIDLOCALDATAAPI", secretAccessKey: "local-data-api-secret-key"
    )

    /// The cluster ARN `aurora-data-local` and the test fixture use for `engine` unless told otherwise.
    public static func defaultResourceArn(_ engine: DatabaseEngine) -> String {
        "arn:aws:rds:us-east-1:123456789012:cluster:local-\(engine.rawValue)"
    }

    /// The secret ARN `aurora-data-local` and the test fixture use for `engine` unless told otherwise.
    public static func defaultSecretArn(_ engine: DatabaseEngine) -> String {
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:local-\(engine.rawValue)-AbCdEf"
    }

    /// Address to bind; loopback by default.
    public var host: String
    /// Port to bind; 0 picks a free port (``LocalDataAPIServer/start()`` returns it).
    public var port: Int
    /// Accepted SigV4 keys: access key id -> secret access key.
    public var accessKeys: [String: String]
    /// The region signatures must be scoped to; nil accepts any region.
    public var region: String?
    /// resourceArn -> cluster. A key ending in `*` is a pattern that matches every ARN starting with what
    /// precedes the `*` (e.g. `arn:aws:rds:us-east-1:000000000000:cluster:*`), for clusters whose ARNs are
    /// generated elsewhere, such as by a deployment; an exact key wins over a pattern, a longer pattern over a shorter.
    public var clusters: [String: Cluster]
    /// secretArn -> the user name and password the secret holds. Keys may be patterns, as for ``clusters``.
    public var secrets: [String: DatabaseCredentials]
    public var limits: Limits
    /// A statement running longer is cancelled (unless `continueAfterTimeout`) and the call fails with
    /// `StatementTimeoutException` (45 s on AWS).
    public var statementTimeout: Duration
    /// A transaction no call used for this long is rolled back (3 minutes on AWS).
    public var transactionIdleTimeout: Duration
    /// A transaction older than this is rolled back (24 hours on AWS).
    public var transactionMaxLifetime: Duration
    /// Open transactions per cluster (resourceArn); past it BeginTransaction fails as when a cluster is out of
    /// connections (`DatabaseErrorException` with the engine's "too many connections"). Default 64.
    public var maxTransactionsPerCluster: Int
    /// Open database connections per cluster (resourceArn): pooled, in use and transactions' together; past it
    /// a call that needs a new one fails the same way. Default 90, below the throwaway servers'
    /// `max_connections` (PostgreSQL 200, MariaDB 151) and a stock PostgreSQL's 100.
    public var maxConnectionsPerCluster: Int
    /// Largest clock difference accepted in a signature (5 minutes on AWS).
    public var allowedClockSkew: Duration
    public var autoPause: AutoPause?
    /// What `CommitTransaction` answers for a PostgreSQL transaction in which a statement failed (PostgreSQL rolls
    /// it back). False (default): 200 "Transaction Committed", as the Data API does. True: 400
    /// `DatabaseErrorException` saying it was rolled back. Either way the endpoint logs a warning.
    public var strictTransactions: Bool
    /// Log one line per request (operation, HTTP status, error code, duration, request id, transaction id) at `info`.
    public var logRequests: Bool
    /// Log the SQL text of every statement (at `info`, with the operation and transaction id; never parameter
    /// values).
    public var logSQL: Bool
    /// Wall clock used to check signature dates, transaction expiry and auto-pause; injectable for tests.
    public var now: @Sendable () -> Date

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        accessKeys: [String: String] = [
            defaultCredentials.accessKeyId: defaultCredentials.secretAccessKey
        ],
        region: String? = nil,
        clusters: [String: Cluster] = [:],
        secrets: [String: DatabaseCredentials] = [:],
        limits: Limits = Limits(),
        statementTimeout: Duration = .seconds(45),
        transactionIdleTimeout: Duration = .seconds(180),
        transactionMaxLifetime: Duration = .seconds(24 * 3600),
        maxTransactionsPerCluster: Int = 64,
        maxConnectionsPerCluster: Int = 90,
        allowedClockSkew: Duration = .seconds(300),
        autoPause: AutoPause? = nil,
        strictTransactions: Bool = false,
        logRequests: Bool = false,
        logSQL: Bool = false,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = host
        self.port = port
        self.accessKeys = accessKeys
        self.region = region
        self.clusters = clusters
        self.secrets = secrets
        self.limits = limits
        self.statementTimeout = statementTimeout
        self.transactionIdleTimeout = transactionIdleTimeout
        self.transactionMaxLifetime = transactionMaxLifetime
        self.maxTransactionsPerCluster = maxTransactionsPerCluster
        self.maxConnectionsPerCluster = maxConnectionsPerCluster
        self.allowedClockSkew = allowedClockSkew
        self.autoPause = autoPause
        self.strictTransactions = strictTransactions
        self.logRequests = logRequests
        self.logSQL = logSQL
        self.now = now
    }
}

extension LocalEndpointConfiguration {
    /// The cluster `resourceArn` names: its exact entry, else the longest matching `*` pattern.
    public func cluster(for resourceArn: String) -> Cluster? {
        Self.lookup(resourceArn, in: clusters)
    }

    /// The credentials `secretArn` stands for: its exact entry, else the longest matching `*` pattern.
    public func credentials(forSecret secretArn: String) -> DatabaseCredentials? {
        Self.lookup(secretArn, in: secrets)
    }

    static func lookup<Value>(_ arn: String, in table: [String: Value]) -> Value? {
        if let exact = table[arn] { return exact }
        let match = table.keys
            .filter { $0.hasSuffix("*") && arn.hasPrefix($0.dropLast()) }
            .max { $0.count < $1.count }
        return match.flatMap { table[$0] }
    }
}
