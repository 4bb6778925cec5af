import AuroraDataAPIModel
import AuroraDatabaseDrivers
import Logging
import NIOCore

/// The five Data API operations on real databases: resolves clusters and secrets, lends connections
/// (pooled in autocommit mode, or the transaction's own), applies the statement timeout, the size limits
/// and auto-pause, and turns database failures into the errors Aurora Serverless v2 returns.
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_Operations.html
final class DataAPIService: Sendable {
    let configuration: LocalEndpointConfiguration
    let transactions: TransactionRegistry
    let pool = ConnectionPool()
    let budget: ConnectionBudget
    let autoPause: AutoPauseSimulator?
    let logger: Logger
    /// Where statement deadlines are scheduled (the HTTP server's own event loops).
    let timers: any EventLoopGroup

    init(configuration: LocalEndpointConfiguration, logger: Logger, timers: any EventLoopGroup) {
        self.configuration = configuration
        self.timers = timers
        self.autoPause = configuration.autoPause.map { AutoPauseSimulator($0, now: configuration.now) }
        self.transactions = TransactionRegistry(
            .init(
                idleTimeout: configuration.transactionIdleTimeout, maxLifetime: configuration.transactionMaxLifetime,
                maxPerCluster: configuration.maxTransactionsPerCluster, now: configuration.now
            )
        )
        self.budget = ConnectionBudget(limit: configuration.maxConnectionsPerCluster)
        self.logger = logger
    }

    /// What a call runs against once its ARNs are resolved.
    struct Target: Sendable {
        var resourceArn: String
        var secretArn: String
        var cluster: LocalEndpointConfiguration.Cluster
        var credentials: DatabaseCredentials
        var engine: DatabaseEngine { cluster.backend.engine }
    }

    // MARK: - Operations

    /// `POST /Execute`.
    func execute(_ request: ExecuteStatementRequest) async throws(DataAPIError) -> ExecuteStatementResponse {
        try DataAPIRequestValidation.check(request)
        let target = try await admit(resourceArn: request.resourceArn, secretArn: request.secretArn)
        try SingleStatementCheck.check(request.sql, engine: target.engine)
        logStatement(request.sql, operation: "ExecuteStatement", transactionId: request.transactionId)
        let lease = try await lease(target, database: request.database, transactionId: request.transactionId)
        // Rows are streamed and reading stops past the response limit, so a huge result never sits in memory.
        let byteLimit = configuration.limits.responseBytes
        let outcome = try await run(lease, target: target, continueAfterTimeout: request.continueAfterTimeout ?? false) {
            connection throws(DatabaseFailure) in
            try await connection.execute(
                sql: request.sql, parameters: request.parameters ?? [], resultSetOptions: request.resultSetOptions,
                resultByteLimit: byteLimit
            )
        }
        do {
            try outcome.checkSize(configuration.limits)
            return try outcome.executeResponse(
                includeResultMetadata: request.includeResultMetadata ?? false,
                formatAsJSON: request.formatRecordsAs == .json,
                limits: configuration.limits
            )
        } catch {
            // Since 2022 the Data API aborts the enclosing transaction when a result is refused.
            if let transactionId = request.transactionId { await abort(transactionId) }
            throw error
        }
    }

    /// `POST /BatchExecute`: one update result per parameter set (empty generated fields on PostgreSQL).
    func batchExecute(_ request: BatchExecuteStatementRequest) async throws(DataAPIError) -> BatchExecuteStatementResponse {
        try DataAPIRequestValidation.check(request)
        let target = try await admit(resourceArn: request.resourceArn, secretArn: request.secretArn)
        try SingleStatementCheck.check(request.sql, engine: target.engine)
        logStatement(
            request.sql, operation: "BatchExecuteStatement", transactionId: request.transactionId,
            parameterSets: request.parameterSets?.count ?? 0
        )
        let lease = try await lease(target, database: request.database, transactionId: request.transactionId)
        let outcomes = try await run(lease, target: target, continueAfterTimeout: false) { connection throws(DatabaseFailure) in
            try await connection.executeBatch(sql: request.sql, parameterSets: request.parameterSets ?? [])
        }
        return BatchExecuteStatementResponse(updateResults: outcomes.map { UpdateResult(generatedFields: $0.generatedFields) })
    }

    /// `POST /BeginTransaction`: a dedicated connection with an open transaction.
    func beginTransaction(_ request: BeginTransactionRequest) async throws(DataAPIError) -> BeginTransactionResponse {
        try DataAPIRequestValidation.check(request)
        let target = try await admit(resourceArn: request.resourceArn, secretArn: request.secretArn)
        let connection = try await connect(target, database: request.database)
        do {
            try await connection.connection.begin()
        } catch {
            connection.close()
            throw error.dataAPIError(engine: target.engine, secretArn: target.secretArn)
        }
        do {
            let id = try await transactions.add(
                connection, resourceArn: target.resourceArn, secretArn: target.secretArn, engine: target.engine
            )
            return BeginTransactionResponse(transactionId: id)
        } catch {
            connection.close()
            throw error
        }
    }

    /// `POST /CommitTransaction`. A PostgreSQL transaction in which a statement failed cannot commit: PostgreSQL
    /// turns the COMMIT into a ROLLBACK. The Data API still answers 200 "Transaction Committed" (clients such as the
    /// aurora-data-api driver compare against that exact text, and its suite, run against the service, commits after
    /// a caught statement error), so the endpoint does too, unless ``LocalEndpointConfiguration/strictTransactions``:
    /// then 400 `DatabaseErrorException` says it was rolled back. Either way a warning is logged.
    func commitTransaction(_ request: EndTransactionRequest) async throws(DataAPIError) -> EndTransactionResponse {
        try await end(request, commit: true)
        return EndTransactionResponse(transactionStatus: "Transaction Committed")
    }

    /// `POST /RollbackTransaction`.
    func rollbackTransaction(_ request: EndTransactionRequest) async throws(DataAPIError) -> EndTransactionResponse {
        try await end(request, commit: false)
        return EndTransactionResponse(transactionStatus: "Rollback Complete")
    }

    private func end(_ request: EndTransactionRequest, commit: Bool) async throws(DataAPIError) {
        try DataAPIRequestValidation.check(request)
        let target = try resolve(resourceArn: request.resourceArn, secretArn: request.secretArn)
        let (connection, failure) = try await transactions.remove(
            request.transactionId, resourceArn: target.resourceArn, secretArn: target.secretArn
        )
        defer { connection.close() }
        if commit, await connection.connection.transactionState() == .failed {
            try? await connection.connection.rollback()
            await autoPause?.touch(resourceArn: target.resourceArn)
            let answer = configuration.strictTransactions
                ? "Answering 400 DatabaseErrorException (--strict-transactions)."
                : "Answering 200 \"Transaction Committed\" as the Data API does; none of its changes were kept."
            let message = "CommitTransaction rolled the transaction back instead: a statement in it had failed, so "
                + "PostgreSQL refuses to commit it. " + answer
            logger.warning(
                "\(message)",
                metadata: ["transactionId": "\(request.transactionId)", "statementError": "\(Self.summary(of: failure))"]
            )
            if configuration.strictTransactions { throw Self.rolledBackInsteadOfCommitted(failure) }
            return
        }
        do {
            if commit {
                try await connection.connection.commit()
            } else {
                try await connection.connection.rollback()
            }
        } catch {
            throw error.dataAPIError(engine: target.engine, secretArn: target.secretArn)
        }
        await autoPause?.touch(resourceArn: target.resourceArn)
    }

    /// The first line of a statement's error and its SQLState, for a log line: the detail lines PostgreSQL adds can
    /// quote row values (`Key (id)=(1) already exists`), which the endpoint does not log.
    static func summary(of failure: String?) -> String {
        guard let failure else { return "not known" }
        let firstLine = failure.prefix { $0 != "\n" }
        guard firstLine.count < failure.count, let state = failure.ranges(of: "; SQLState: ").last else {
            return String(firstLine)
        }
        return String(firstLine + failure[state.lowerBound...])
    }

    /// The answer to a commit of a transaction in which a statement failed, with `strictTransactions` (AWS answers
    /// 200); the statement's own error comes last, so clients still parse its SQLState.
    private static func rolledBackInsteadOfCommitted(_ failure: String?) -> DataAPIError {
        DataAPIError(
            code: .databaseError,
            message: "The transaction was rolled back, not committed, because a statement in it failed; run its "
                + "statements again in a new transaction. The statement's error: "
                + (failure ?? "not known (the database reports the transaction as failed)")
        )
    }

    // MARK: - Lifecycle

    /// Ends at once the idle transactions whose connection the server closed, so their ids answer why and
    /// their places under the caps are free.
    func dropLostTransactions() async {
        for (id, connection) in await transactions.idle() {
            if await connection.connection.isConnected() { continue }
            await transactions.connectionLost(id, connection: connection)
        }
    }

    /// Rolls back the transactions that were idle too long or lived too long.
    func expireTransactions() async {
        let expired = await transactions.expire()
        for connection in expired {
            logger.info("rolling back an expired transaction", metadata: ["dbConnectionId": "\(connection.id)"])
            try? await connection.connection.rollback()
            connection.close()
        }
    }

    /// Rolls back every open transaction and closes every connection.
    func shutdown() async {
        for connection in await transactions.removeAll() {
            try? await connection.connection.rollback()
            connection.close()
        }
        await pool.drain()
    }

    // MARK: - Steps

    /// With ``LocalEndpointConfiguration/logSQL``: the statement's text, before it runs (never parameter values).
    private func logStatement(_ sql: String, operation: String, transactionId: String?, parameterSets: Int? = nil) {
        guard configuration.logSQL else { return }
        var metadata: Logger.Metadata = ["operation": "\(operation)"]
        if let transactionId { metadata["transactionId"] = "\(transactionId)" }
        if let parameterSets { metadata["parameterSets"] = "\(parameterSets)" }
        logger.info("SQL: \(sql)", metadata: metadata)
    }

    /// Resolves the ARNs. Unknown cluster: `HttpEndpointNotEnabledException`; unknown secret:
    /// `SecretsErrorException`, as for a cluster without the Data API or a secret Secrets Manager cannot find.
    func resolve(resourceArn: String, secretArn: String) throws(DataAPIError) -> Target {
        guard let cluster = configuration.cluster(for: resourceArn) else {
            throw DataAPIError(
                code: .httpEndpointNotEnabled,
                message: "HttpEndpoint is not enabled for resource \(resourceArn). The local endpoint serves "
                    + "these resourceArns: \(configuration.clusters.keys.sorted().joined(separator: ", "))."
            )
        }
        guard let credentials = configuration.credentials(forSecret: secretArn) else {
            throw DataAPIError(
                code: .secretsError,
                message: "Error fetching secret \(secretArn): Secrets Manager can't find the specified secret. "
                    + "Use one of the secretArns the local endpoint printed at start."
            )
        }
        return Target(resourceArn: resourceArn, secretArn: secretArn, cluster: cluster, credentials: credentials)
    }

    /// Resolves the ARNs and lets the call through unless the cluster is auto-paused.
    private func admit(resourceArn: String, secretArn: String) async throws(DataAPIError) -> Target {
        let target = try resolve(resourceArn: resourceArn, secretArn: secretArn)
        guard let autoPause else { return target }
        let open = await transactions.hasTransactions(resourceArn: resourceArn)
        switch await autoPause.admit(resourceArn: resourceArn, hasTransactions: open) {
        case .proceed:
            return target
        case .resuming(let justPaused):
            if justPaused { await pool.drain(resourceArn: resourceArn) }
            throw AutoPauseSimulator.resumingError(resourceArn)
        }
    }

    /// A new connection, within the cluster's connection cap: an idle pooled connection of the cluster is closed
    /// to make room; with none, the call fails as when a cluster is out of connections.
    private func connect(_ target: Target, database: String?) async throws(DataAPIError) -> NumberedConnection {
        let resourceArn = target.resourceArn
        var reserved = budget.reserve(resourceArn)
        if !reserved, await pool.closeOne(resourceArn: resourceArn) { reserved = budget.reserve(resourceArn) }
        guard reserved else {
            throw .outOfConnections(
                engine: target.engine,
                cap: "the local endpoint allows \(configuration.maxConnectionsPerCluster) database connections per "
                    + "cluster, all in use; end a transaction or raise --max-connections"
            )
        }
        do {
            let connection = try await target.cluster.backend.connect(
                database: database ?? target.cluster.defaultDatabase, credentials: target.credentials
            )
            return NumberedConnection(connection) { [budget] in budget.release(resourceArn) }
        } catch {
            budget.release(resourceArn)
            throw error.dataAPIError(engine: target.engine, secretArn: target.secretArn)
        }
    }

    /// The transaction's connection, or a pooled autocommit connection.
    private func lease(_ target: Target, database: String?, transactionId: String?) async throws(DataAPIError) -> LeasedConnection {
        if let transactionId {
            let connection = try await transactions.acquire(
                transactionId, resourceArn: target.resourceArn, secretArn: target.secretArn
            )
            let engine = target.engine
            return LeasedConnection(connection: connection) { [transactions] failure in
                guard let failure else {
                    await transactions.release(transactionId)
                    return
                }
                let state = failure.kind == .connection ? .lost : await connection.connection.transactionState()
                await transactions.statementFailed(transactionId, message: failure.auroraMessage(engine: engine), state: state)
            }
        }
        let key = ConnectionPool.Key(resourceArn: target.resourceArn, database: database, secretArn: target.secretArn)
        let connection: NumberedConnection
        if let pooled = await pool.take(key) {
            connection = pooled
        } else {
            connection = try await connect(target, database: database)
        }
        return LeasedConnection(connection: connection) { [pool] failure in
            if failure?.kind == .connection {
                connection.close()
            } else {
                await pool.put(connection, for: key)
            }
        }
    }

    /// Rolls back and forgets a transaction an error aborted.
    private func abort(_ transactionId: String) async {
        guard let connection = await transactions.discard(transactionId) else { return }
        try? await connection.connection.rollback()
        connection.close()
    }

    /// Runs `work` on the leased connection with the statement timeout. On timeout the statement is
    /// cancelled, unless `continueAfterTimeout`: then it keeps running (the lease is released when it ends)
    /// and the caller still gets `StatementTimeoutException`.
    private func run<Output: Sendable>(
        _ lease: LeasedConnection, target: Target, continueAfterTimeout: Bool,
        _ work: @escaping @Sendable (any DatabaseConnection) async throws(DatabaseFailure) -> Output
    ) async throws(DataAPIError) -> Output {
        let connection = lease.connection
        let statement = Task { () -> Result<Output, DatabaseFailure> in
            do throws(DatabaseFailure) {
                return .success(try await work(connection.connection))
            } catch {
                return .failure(error)
            }
        }
        let finished = await StatementDeadline.race(
            statement, timeout: configuration.statementTimeout, on: timers.any()
        )
        defer { if let autoPause { Task { await autoPause.touch(resourceArn: target.resourceArn) } } }
        guard let result = finished else {
            if continueAfterTimeout {
                Task {
                    let late = await statement.value
                    await lease.release(late.failure)
                }
            } else {
                connection.connection.cancelRunningStatement()
                let cancelled = await statement.value
                await lease.release(cancelled.failure)
            }
            throw DataAPIError(
                code: .statementTimeout,
                message: "The statement ran longer than the \(configuration.statementTimeout) Data API timeout"
                    + (continueAfterTimeout ? " and keeps running in the database (continueAfterTimeout)." : " and was cancelled.")
                    + " Use continueAfterTimeout for long DDL, or make the statement faster.",
                dbConnectionId: connection.id
            )
        }
        await lease.release(result.failure)
        switch result {
        case .success(let output): return output
        case .failure(let failure): throw failure.dataAPIError(engine: target.engine, secretArn: target.secretArn)
        }
    }
}

extension Result where Failure == DatabaseFailure {
    /// The failure, or nil on success.
    fileprivate var failure: DatabaseFailure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
