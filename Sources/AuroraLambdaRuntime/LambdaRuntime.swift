#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AuroraAWS
import Logging

/// What a handler factory gets at start-up.
public struct LambdaInitContext: Sendable {
    public var environment: [String: String]
    public var logger: Logger
    public var transport: any HTTPTransport
    public var clock: LambdaClock
}

/// A custom runtime for `provided.al2023`: the Runtime API loop.
///
/// Implements https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html: initialise once (an error is
/// posted to `/runtime/init/error` and the process exits 1), then forever take the next event, call the handler
/// and post its response, or its error to `/invocation/{id}/error`, and go on. A Runtime API that cannot be
/// reached or answers 5xx ends the process with exit status 1 (Lambda starts a new one); nothing is retried
/// endlessly.
public struct LambdaRuntime: Sendable {
    public var environment: [String: String]
    public var transport: any HTTPTransport
    public var clock: LambdaClock
    public var logOutput: LambdaLogOutput
    /// Sets `_X_AMZN_TRACE_ID` for each invocation (the process environment by default).
    public var setTraceId: @Sendable (String?) -> Void

    public init(
        environment: [String: String], transport: any HTTPTransport, clock: LambdaClock = .system,
        logOutput: LambdaLogOutput = .standardError,
        setTraceId: @escaping @Sendable (String?) -> Void = LambdaRuntime.exportTraceId
    ) {
        self.environment = environment
        self.transport = transport
        self.clock = clock
        self.logOutput = logOutput
        self.setTraceId = setTraceId
    }

    /// Runs until the Runtime API goes away; returns the process exit status (always non-zero: a healthy
    /// runtime never returns).
    public func run(makeHandler: @Sendable (LambdaInitContext) async throws -> any LambdaHandler) async -> Int32 {
        let handlerFactory = LambdaLogHandler.configured(label: "aurora-data.lambda", environment: environment, output: logOutput)
        let logger = Logger(label: "aurora-data.lambda") { _ in handlerFactory }
        guard let address = environment["AWS_LAMBDA_RUNTIME_API"], !address.isEmpty else {
            logger.critical("AWS_LAMBDA_RUNTIME_API is not set: this executable is a Lambda custom runtime (provided.al2023) and runs inside Lambda, or with a Runtime API emulator that sets it.")
            return 1
        }
        let api = LambdaRuntimeAPI(address: address, transport: transport)
        let handler: any LambdaHandler
        do {
            handler = try await makeHandler(
                LambdaInitContext(environment: environment, logger: logger, transport: transport, clock: clock))
        } catch {
            logger.critical("initialisation failed", metadata: ["error": "\(LambdaErrorReport(error).errorMessage)"])
            do {
                _ = try await api.reportInitError(error)
            } catch {
                logger.critical("could not report the initialisation error", metadata: ["error": "\(error)"])
            }
            return 1
        }
        do {
            while true {
                try await invokeOnce(api: api, handler: handler, logger: logger)
            }
        } catch {
            logger.critical("stopping the runtime", metadata: ["error": "\(error)"])
            return 1
        }
    }

    /// Takes one event and answers it. Throws only when the Runtime API cannot be used.
    func invokeOnce(api: LambdaRuntimeAPI, handler: any LambdaHandler, logger: Logger) async throws(LambdaRuntimeAPIError) {
        let invocation = try await api.next()
        setTraceId(invocation.traceId)
        var invocationLogger = logger
        invocationLogger[metadataKey: "requestId"] = "\(invocation.requestId)"
        let context = LambdaContext(
            requestId: invocation.requestId, deadlineMilliseconds: invocation.deadlineMilliseconds,
            invokedFunctionArn: invocation.invokedFunctionArn, traceId: invocation.traceId,
            clientContext: invocation.clientContext, cognitoIdentity: invocation.cognitoIdentity,
            logger: invocationLogger, clock: clock)
        let result: Result<[UInt8], any Error>
        do {
            result = .success(try await handler.handle(invocation.event, context: context))
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let payload):
            let status = try await api.respond(requestId: invocation.requestId, payload: payload)
            guard status == 202 else {
                invocationLogger.error("the Runtime API refused the response", metadata: ["status": "\(status)", "bytes": "\(payload.count)"])
                let refused = LambdaError(
                    errorType: "Runtime.ResponseRefused",
                    errorMessage: "The Runtime API answered HTTP \(status) to a \(payload.count)-byte response (the synchronous limit is 6 MB).")
                _ = try await api.reportError(requestId: invocation.requestId, refused)
                return
            }
        case .failure(let error):
            let report = LambdaErrorReport(error)
            invocationLogger.error("invocation failed", metadata: ["errorType": "\(report.errorType)", "error": "\(report.errorMessage)"])
            let status = try await api.reportError(requestId: invocation.requestId, error)
            if status != 202 {
                invocationLogger.error("the Runtime API refused the error report", metadata: ["status": "\(status)"])
            }
        }
    }

    /// Sets or clears `_X_AMZN_TRACE_ID` in the process environment, where X-Ray-aware code reads it.
    public static let exportTraceId: @Sendable (String?) -> Void = { traceId in
        if let traceId { setenv("_X_AMZN_TRACE_ID", traceId, 1) } else { unsetenv("_X_AMZN_TRACE_ID") }
    }
}
