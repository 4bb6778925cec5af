import ArgumentParser
import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraDatabaseServers
import AuroraDataLocal
import AuroraSigV4
import Dispatch
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `aurora-data-local`: an RDS Data API endpoint on this machine, backed by throwaway PostgreSQL and/or
/// MariaDB servers or by a server you name with `--database-url`. See docs/local-endpoint.md.
@main
struct AuroraDataLocalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aurora-data-local",
        abstract: "Run an RDS Data API endpoint on a local PostgreSQL or MariaDB server.",
        discussion: """
            By default starts a throwaway PostgreSQL server (--engine mysql: MariaDB; --engine both: one of \
            each, on two resource ARNs) in a temporary directory, removed on exit (Ctrl-C / SIGTERM). \
            With --database-url it uses an existing server instead. Requests must be SigV4-signed with the \
            local key pair printed at start (or the one given with --access-key-id/--secret-access-key).
            Secrets can stay out of the process list: --secret-access-key-file / --database-url-file, or the \
            environment variables AURORA_LOCAL_ACCESS_KEY_ID, AURORA_LOCAL_SECRET_ACCESS_KEY and \
            AURORA_LOCAL_DATABASE_URL. Listening beyond loopback (--host) needs a key pair of your own.
            """
    )

    enum EngineChoice: String, ExpressibleByArgument, CaseIterable {
        case postgresql, mysql, both
    }

    @Option(help: "Database engine of the throwaway server(s): postgresql, mysql (MariaDB) or both.")
    var engine: EngineChoice = .postgresql

    @Option(help: "Use this server instead of a throwaway one: postgresql://user:password@host:port/database or mysql://... (env: AURORA_LOCAL_DATABASE_URL)")
    var databaseURL: String?

    @Option(help: "Read --database-url from this file.")
    var databaseURLFile: String?

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free port).")
    var port: Int = 8080

    @Option(help: "Default database of the cluster (created on a throwaway server). Default: 'aurora', or the database of --database-url.")
    var database: String?

    @Option(help: "Cluster ARN to answer for (single engine only). A trailing * makes it a pattern: 'arn:aws:rds:us-east-1:000000000000:cluster:*' answers every cluster of that account and region.")
    var resourceArn: String?

    @Option(help: "Secret ARN standing for the database user (single engine only); a trailing * makes it a pattern, as for --resource-arn.")
    var secretArn: String?

    @Option(help: "Access key id requests must be signed with (env: AURORA_LOCAL_ACCESS_KEY_ID; default: the published local pair).")
    var accessKeyId: String?

    @Option(help: "Secret access key requests must be signed with (env: AURORA_LOCAL_SECRET_ACCESS_KEY). Never printed.")
    var secretAccessKey: String?

    @Option(help: "Read --secret-access-key from this file.")
    var secretAccessKeyFile: String?

    @Option(help: "Only accept signatures scoped to this region (default: any region).")
    var region: String?

    @Option(help: "Seconds a transaction may stay idle before it is rolled back (AWS: 180).")
    var transactionTimeout: Int = 180

    @Option(help: "Seconds a statement may run before StatementTimeoutException (AWS: 45).")
    var statementTimeout: Int = 45

    @Option(help: "Open transactions allowed per cluster; past it BeginTransaction fails as when out of connections.")
    var maxTransactions: Int = 64

    @Option(help: "Database connections allowed per cluster (pooled, in use and transactions'); past it a call that needs one fails as when out of connections.")
    var maxConnections: Int = 90

    @Option(help: "Simulate Aurora Serverless v2 auto-pause: pause after this many idle seconds.")
    var autoPauseAfter: Int?

    @Option(help: "With --auto-pause-after: seconds a paused cluster takes to resume.")
    var resumeAfter: Int = 10

    @Flag(help: "Log one line per request to standard error: operation, HTTP status, error code, duration, request id, transaction id (never parameter values or keys).")
    var verbose = false

    @Flag(help: "Log the SQL text of every statement to standard error (never parameter values).")
    var logSQL = false

    @Flag(help: "CommitTransaction of a PostgreSQL transaction in which a statement failed answers 400 DatabaseErrorException (it was rolled back) instead of the Data API's 200 \"Transaction Committed\".")
    var strictTransactions = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard transactionTimeout > 0, statementTimeout > 0, resumeAfter >= 0, (autoPauseAfter ?? 1) > 0 else {
            throw ValidationError("--transaction-timeout, --statement-timeout and --auto-pause-after must be positive.")
        }
        guard maxTransactions > 0, maxConnections > 0 else {
            throw ValidationError("--max-transactions and --max-connections must be positive.")
        }
        for (name, arn) in [("--resource-arn", resourceArn), ("--secret-arn", secretArn)] {
            if let arn, arn.dropLast().contains("*") {
                throw ValidationError("\(name) may end in * (a pattern) but hold no other *: \(arn)")
            }
        }
    }

    func run() async throws {
        // SIGINT/SIGTERM cancel the work; cancellation stops the endpoint and the throwaway servers.
        let work = Task { try await serve() }
        let signals = [SIGINT, SIGTERM].map { signalNumber -> any DispatchSourceSignal in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { work.cancel() }
            source.resume()
            return source
        }
        defer { for source in signals { source.cancel() } }
        try await work.value
    }

    private func serve() async throws {
        var logger = Logger(label: "aurora-data-local")
        logger.logLevel = verbose || logSQL ? .info : .notice

        let settings: (accessKeyId: String, secretAccessKey: String, custom: Bool, databaseURL: String?)
        do {
            settings = try secretSettings()
        } catch {
            throw failure("aurora-data-local: \(error.message)")
        }
        let (accessKeyId, databaseURL) = (settings.accessKeyId, settings.databaseURL)
        // Checked here, not in validate(): the URL may come from AURORA_LOCAL_DATABASE_URL or --database-url-file.
        if engine == .both && databaseURL == nil && (resourceArn != nil || secretArn != nil) {
            throw failure(
                "aurora-data-local: --resource-arn and --secret-arn need a single engine; --engine both uses the default ARNs.")
        }
        var servers: [LocalDatabaseServer] = []
        defer { for server in servers { server.stop() } }
        var configuration = LocalEndpointConfiguration(
            host: host, port: port, accessKeys: [accessKeyId: settings.secretAccessKey], region: region,
            statementTimeout: .seconds(statementTimeout), transactionIdleTimeout: .seconds(transactionTimeout),
            maxTransactionsPerCluster: maxTransactions, maxConnectionsPerCluster: maxConnections,
            autoPause: autoPauseAfter.map { .init(idleAfter: .seconds($0), resumeAfter: .seconds(resumeAfter)) },
            strictTransactions: strictTransactions, logRequests: verbose, logSQL: logSQL
        )
        do {
            try configuration.checkExposure()
        } catch {
            throw failure("aurora-data-local: \(error.message)")
        }
        var lines: [String] = []
        var example: (String, String)?
        do {
            if let databaseURL {
                let address = try DatabaseServerAddress(url: databaseURL)
                let truncates: Bool
                do {
                    truncates = try await probe(address)
                } catch {
                    throw failure("aurora-data-local: cannot use the database at \(address.redactedURL): \(error.message)")
                }
                example = add(address, database: database ?? address.database, to: &configuration, lines: &lines, origin: Self.existingServer)
                if truncates {
                    lines.append(
                        "  note:        this server truncates fractional seconds (CAST('13:49:32.78' AS TIME) is 13:49:32); "
                            + "Aurora MySQL rounds them (13:49:33). MariaDB 10.4+ rounds in the endpoint's sessions.")
                }
            } else {
                let engines: [DatabaseEngine] = engine == .both ? [.postgresql, .mysql] : engine == .mysql ? [.mysql] : [.postgresql]
                for engine in engines {
                    let server = try await LocalDatabaseServer.start(engine)
                    servers.append(server)
                    let name = database ?? "aurora"
                    try await server.createDatabase(name)
                    let arns = add(server.address, database: name, to: &configuration, lines: &lines, origin: "throwaway server in \(server.directory)")
                    example = example ?? arns
                }
            }
        } catch let error as LocalDatabaseServerError {
            throw failure("aurora-data-local: \(error.message)")
        } catch let error as DatabaseFailure {
            throw failure("aurora-data-local: cannot use the database: \(error.message)")
        }

        let server = LocalDataAPIServer(configuration: configuration, logger: logger)
        let boundPort: Int
        do {
            boundPort = try await server.start()
        } catch {
            throw failure("aurora-data-local: \(error)")
        }
        let endpoint = "http://\(host):\(boundPort)"
        print("aurora-data-local: RDS Data API endpoint listening")
        print("endpoint: \(endpoint)")
        for line in lines { print(line) }
        if strictTransactions {
            print("transactions: --strict-transactions: a PostgreSQL commit after a failed statement answers 400 (AWS: 200)")
        }
        // A secret key of the user's own is never printed; the published local pair is.
        let secretShown = settings.custom ? "<your secret access key>" : settings.secretAccessKey
        print("credentials: AWS_ACCESS_KEY_ID=\(accessKeyId) AWS_SECRET_ACCESS_KEY=\(secretShown)"
            + (settings.custom ? "" : "  (local pair, not a secret)"))
        if let (resourceArn, secretArn) = example {
            print("try: AWS_ACCESS_KEY_ID=\(accessKeyId) AWS_SECRET_ACCESS_KEY=\(secretShown) aws rds-data execute-statement "
                + "--endpoint-url \(endpoint) --region us-east-1 --resource-arn \(resourceArn) --secret-arn \(secretArn) --sql 'SELECT 1'")
        }
        print("ready")
        fflush(nil)  // the start banner must reach a pipe (scripts wait for "ready")

        do {
            // Ctrl-C / SIGTERM cancel this task; the server then shuts down gracefully and run() returns.
            try await server.run()
        } catch {
            await server.stop()
            if !Task.isCancelled { throw failure("aurora-data-local: the endpoint stopped serving: \(error)") }
        }
        print("aurora-data-local: stopped")
    }

    /// The key pair and database URL from flags, files or environment variables (`SecretSetting`); `custom` is
    /// false for the published local pair.
    private func secretSettings() throws(LocalEndpointError)
        -> (accessKeyId: String, secretAccessKey: String, custom: Bool, databaseURL: String?)
    {
        var environment: [String: String] = [:]
        for name in ["AURORA_LOCAL_ACCESS_KEY_ID", "AURORA_LOCAL_SECRET_ACCESS_KEY", "AURORA_LOCAL_DATABASE_URL"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        let keyId = try SecretSetting(flag: "--access-key-id", environmentVariable: "AURORA_LOCAL_ACCESS_KEY_ID")
            .resolve(value: accessKeyId, file: nil, environment: environment)
        let secret = try SecretSetting(flag: "--secret-access-key", environmentVariable: "AURORA_LOCAL_SECRET_ACCESS_KEY")
            .resolve(value: secretAccessKey, file: secretAccessKeyFile, environment: environment)
        let url = try SecretSetting(flag: "--database-url", environmentVariable: "AURORA_LOCAL_DATABASE_URL")
            .resolve(value: databaseURL, file: databaseURLFile, environment: environment)
        switch (keyId, secret) {
        case (nil, nil):
            let defaults = LocalEndpointConfiguration.defaultCredentials
            return (defaults.accessKeyId, defaults.secretAccessKey, false, url)
        case let (keyId?, secret?):
            return (keyId, secret, secret != LocalEndpointConfiguration.defaultCredentials.secretAccessKey, url)
        default:
            throw LocalEndpointError(
                message: "Give both an access key id and a secret access key (flags, files or AURORA_LOCAL_* variables), or neither.")
        }
    }

    private static let existingServer = "existing server"

    /// Adds one cluster and secret for the server at `address`; returns their ARNs.
    private func add(
        _ address: DatabaseServerAddress, database: String?, to configuration: inout LocalEndpointConfiguration,
        lines: inout [String], origin: String
    ) -> (resourceArn: String, secretArn: String) {
        let single = engine != .both || origin == Self.existingServer
        let resourceArn = (single ? self.resourceArn : nil) ?? LocalEndpointConfiguration.defaultResourceArn(address.engine)
        let secretArn = (single ? self.secretArn : nil) ?? LocalEndpointConfiguration.defaultSecretArn(address.engine)
        configuration.clusters[resourceArn] = .init(backend: address.backend(), defaultDatabase: database)
        configuration.secrets[secretArn] = address.credentials
        lines.append("\(address.engine.rawValue): \(address.redactedURL) (\(origin))")
        lines.append("  resourceArn: \(resourceArn)")
        lines.append("  secretArn:   \(secretArn)")
        lines.append("  database:    \(database ?? "(server default)")")
        return (resourceArn, secretArn)
    }

    /// Prints `message` to standard error; the returned error exits with status 2.
    private func failure(_ message: String) -> ExitCode {
        let line = message + "\n"
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        return ExitCode(2)
    }

    /// Connects once so a wrong URL or password is reported now, not at the first request. Returns whether the
    /// server truncates fractional seconds where Aurora MySQL rounds them (MySQL and PostgreSQL round; MariaDB
    /// before 10.4 cannot be told to).
    private func probe(_ address: DatabaseServerAddress) async throws(DatabaseFailure) -> Bool {
        let connection = try await address.backend().connect(database: address.database, credentials: address.credentials)
        defer { connection.close() }
        guard address.engine == .mysql else { return false }
        let outcome = try await connection.execute(
            sql: "SELECT CAST('2020-09-17 13:49:32.780180' AS DATETIME)", parameters: [], resultSetOptions: nil)
        return outcome.records?.first?.first == .string("2020-09-17 13:49:32")
    }
}
