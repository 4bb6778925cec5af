/// `AuroraDataLocal`: the local RDS Data API endpoint (emulator). Its one job: answer the Data API's HTTP calls the
/// way Aurora Serverless v2 does (SigV4 checks, request validation, error shapes, limits, timeouts, transactions,
/// auto-pause) on top of any `DatabaseBackend`. Where the database comes from is not its business: the caller hands
/// it backends (a throwaway server from AuroraDatabaseServers, or a server named by URL). It may depend on
/// AuroraDatabaseDrivers (re-exported: its configuration speaks in backends and credentials), AuroraDataAPIModel,
/// AuroraSQL, AuroraSigV4, Hummingbird/HTTPTypes/NIOCore, swift-service-lifecycle and swift-log; not on the client
/// (AuroraDataAPI, AuroraAWS).
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// An RDS Data API endpoint on 127.0.0.1 backed by real PostgreSQL or MySQL/MariaDB servers, answering the
/// way Aurora Serverless v2 does (SigV4, errors, limits, timeouts, transactions, auto-pause).
///
/// ```swift
/// let server = LocalDataAPIServer(configuration: configuration)
/// let port = try await server.start()
/// ...
/// await server.stop()
/// ```
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/Welcome.html
public actor LocalDataAPIServer {
    public let configuration: LocalEndpointConfiguration
    private let logger: Logger
    private let service: DataAPIService
    private var serverTask: Task<Void, any Error>?
    /// Runs the HTTP server; its graceful shutdown is how the endpoint stops.
    private var serviceGroup: ServiceGroup?
    /// How long a stop waits for requests in flight before cancelling them.
    static let stopGracePeriod: Duration = .seconds(10)
    private var reaperTask: Task<Void, Never>?
    /// The bound port once ``start()`` returned.
    public private(set) var port: Int?

    /// - Parameters:
    ///   - configuration: clusters, secrets, accepted keys, limits and timeouts.
    ///   - logger: where the endpoint logs; silent by default. Secrets and signatures are never logged.
    public init(
        configuration: LocalEndpointConfiguration,
        logger: Logger = Logger(label: "aurora-data-local", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        self.logger = logger
        self.service = DataAPIService(
            configuration: configuration, logger: logger, timers: EventLoopGroupProvider.singleton.eventLoopGroup
        )
    }

    /// `http://<host>:<port>` once started.
    public var endpointURL: String? {
        port.map { "http://\(configuration.host):\($0)" }
    }

    /// Binds the listening socket and starts answering; returns the port (a free one when configured as 0).
    /// Throws ``LocalEndpointError`` when the address cannot be bound, or when it is reachable from other machines
    /// while the published default key pair is accepted (``LocalEndpointConfiguration/checkExposure()``).
    @discardableResult
    public func start() async throws -> Int {
        if let port { return port }
        try configuration.checkExposure()
        let responder = DataAPIResponder(
            service: service, authenticator: RequestAuthenticator(configuration: configuration)
        )
        let bound = ResumeOnce<Int>()
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil, reuseAddress: false
            ),
            onServerRunning: { channel in
                bound.resume(with: .success(channel.localAddress?.port ?? 0))
            },
            logger: logger
        )
        var groupConfiguration = ServiceGroupConfiguration(services: [application], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = Self.stopGracePeriod
        let group = ServiceGroup(configuration: groupConfiguration)
        serviceGroup = group
        let (host, requestedPort) = (configuration.host, configuration.port)
        let task = Task {
            do {
                try await group.run()
                bound.resume(with: .failure(LocalEndpointError.stoppedBeforeListening))
            } catch {
                bound.resume(with: .failure(LocalEndpointError.cannotListen(host: host, port: requestedPort, error)))
                throw error
            }
        }
        serverTask = task
        let port = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { bound.arm($0) }
        } onCancel: {
            task.cancel()
        }
        self.port = port
        startReaper()
        logger.info("local Data API endpoint listening", metadata: ["url": "http://\(host):\(port)"])
        return port
    }

    /// Starts if needed, then serves until ``stop()`` is called or the calling task is cancelled; cancellation
    /// stops the endpoint as ``stop()`` does (gracefully, without logging an error).
    public func run() async throws {
        try await start()
        guard let serverTask, let serviceGroup else { return }
        if Task.isCancelled {
            await stop()
            return
        }
        try await withTaskCancellationHandler {
            _ = try await serverTask.value
        } onCancel: {
            Task { await serviceGroup.triggerGracefulShutdown() }
        }
        await stop()
    }

    /// Stops listening: answers the requests in flight (cancelling those still running after
    /// ``stopGracePeriod``), closes idle client connections, then rolls back open transactions and closes every
    /// database connection. A stop is not an error: nothing is logged above `info`.
    public func stop() async {
        guard let serverTask else { return }
        await serviceGroup?.triggerGracefulShutdown()
        _ = try? await serverTask.value
        self.serverTask = nil
        serviceGroup = nil
        await shutDownDatabaseWork()
    }

    private func shutDownDatabaseWork() async {
        reaperTask?.cancel()
        reaperTask = nil
        await service.shutdown()
        port = nil
    }

    /// Rolls back expired transactions, and drops those whose connection was lost, a few times per idle-timeout
    /// period (at least once a second).
    private func startReaper() {
        let interval = min(configuration.transactionIdleTimeout / 4, .seconds(1))
        let service = self.service
        reaperTask = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await service.expireTransactions()
                await service.dropLostTransactions()
            }
        }
    }
}
