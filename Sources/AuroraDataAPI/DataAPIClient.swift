import AuroraAWS
import AuroraDataAPIModel
import AuroraSigV4
import Logging

/// A client for the Amazon RDS Data API (`rds-data`): signed HTTPS calls to one Aurora cluster, with typed
/// parameters, retries for a resuming Serverless v2 instance, transactions and size-aware batches.
///
/// ```swift
/// let client = try await DataAPIClient.fromEnvironment()
/// let posts = try await client.query(Post.self, "SELECT id, title FROM posts WHERE author = \(author)")
/// ```
/// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/Welcome.html
public struct DataAPIClient: Sendable {
    /// What the client talks to and how patiently.
    public struct Configuration: Sendable {
        /// The Aurora cluster ARN (`resourceArn`).
        public var resourceArn: String
        /// The Secrets Manager secret holding the database user and password (`secretArn`).
        public var secretArn: String
        /// The default database for statements and transactions; nil uses the secret's or cluster's default.
        public var database: String?
        /// The AWS region the requests are signed for, e.g. `us-east-1`.
        public var region: String
        /// The endpoint base URL without path, e.g. `https://rds-data.us-east-1.amazonaws.com`.
        public var endpoint: String
        /// How long one HTTP request may take. AWS recommends at least 60 s: the service itself cancels a
        /// statement after 45 s (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.html#data-api.calling.timeouts).
        public var requestTimeout: Duration
        /// How failed requests are retried.
        public var retryPolicy: RetryPolicy

        /// A configuration; the request timeout (60 s) and retry policy (``RetryPolicy/default``) have defaults.
        public init(
            resourceArn: String, secretArn: String, database: String? = nil, region: String, endpoint: String,
            requestTimeout: Duration = .seconds(60), retryPolicy: RetryPolicy = .default
        ) {
            self.resourceArn = resourceArn
            self.secretArn = secretArn
            self.database = database
            self.region = region
            self.endpoint = endpoint
            self.requestTimeout = requestTimeout
            self.retryPolicy = retryPolicy
        }
    }

    /// What the client talks to and how patiently.
    public private(set) var configuration: Configuration
    /// Where the credentials that sign each request come from (the default chain, with `fromEnvironment`).
    public let credentialProvider: any CredentialProvider
    /// What sends the HTTP requests (AsyncHTTPClient, with `fromEnvironment`).
    public let transport: any HTTPTransport
    /// Receives retries at `.debug` and the canonical request / string to sign at `.trace`; never secrets.
    public let logger: Logger
    /// The time used for signing and deadlines, and the waits between retries.
    public let clock: DataAPIClock
    /// Each operation's request (`POST` to its path, JSON), prepared for SigV4 signing as service `rds-data` in the
    /// configured region; the signer caches signing keys across calls. A failure is an endpoint that is not a URL,
    /// reported by the first call.
    let preparedRequests: [DataAPIOperation: Result<SigV4PreparedRequest, SigV4Error>]

    /// A client with everything given; ``fromEnvironment(resourceArn:secretArn:database:region:profile:endpoint:environment:transport:requestTimeout:retryPolicy:logger:clock:)``
    /// resolves all of it the way the AWS SDKs do.
    ///
    /// - Parameters:
    ///   - configuration: The cluster, secret, database, region, endpoint, timeout and retries.
    ///   - credentialProvider: Where the signing credentials come from.
    ///   - transport: What sends the HTTP requests.
    ///   - logger: Receives retries and signing details (never secrets); silent by default.
    ///   - clock: The time for signing and deadlines (injected for tests).
    public init(
        configuration: Configuration, credentialProvider: any CredentialProvider, transport: any HTTPTransport,
        logger: Logger = .disabled, clock: DataAPIClock = .system
    ) {
        self.configuration = configuration
        self.credentialProvider = credentialProvider
        self.transport = transport
        self.logger = logger
        self.clock = clock
        let signer = SigV4Signer(service: "rds-data", region: configuration.region)
        var preparedRequests: [DataAPIOperation: Result<SigV4PreparedRequest, SigV4Error>] = [:]
        for operation in DataAPIOperation.allCases {
            let url = Self.endpointURL(configuration.endpoint, path: operation.path)
            preparedRequests[operation] = Result { () throws(SigV4Error) in
                try signer.prepare(method: "POST", url: url, headers: Self.requestHeaders)
            }
        }
        self.preparedRequests = preparedRequests
    }

    /// The same client with other timeouts and retries. The prepared requests are kept: they depend only on the
    /// endpoint and region, which do not change.
    public func withLimits(requestTimeout: Duration, retryPolicy: RetryPolicy) -> DataAPIClient {
        var copy = self
        copy.configuration.requestTimeout = requestTimeout
        copy.configuration.retryPolicy = retryPolicy
        return copy
    }
}
