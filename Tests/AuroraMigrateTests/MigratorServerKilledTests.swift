import AuroraAWS
import AuroraDataAPI
import AuroraDataAPIModel
import AuroraDatabaseServers
import AuroraDataLocal
import AuroraMigrate
import AuroraSigV4
import Foundation
import Testing

/// Runs statements through the client and kills the database server right after the call whose SQL (or, on MySQL,
/// the statement passed to the step procedure) contains `marker` succeeded.
private struct KillingDatabase: MigrationDatabase {
    let wrapped: DataAPIClient
    let marker: String
    let kill: @Sendable () async throws -> Void

    func execute(_ sql: String, parameters: [SqlParameter], transactionId: String?) async throws -> ExecuteStatementResponse {
        let response = try await wrapped.execute(sql, parameters: parameters, transactionId: transactionId)
        let statementParameter = parameters.first { $0.name == "sql" }.flatMap { parameter -> String? in
            if case .string(let text) = parameter.value { text } else { nil }
        } ?? ""
        if sql.contains(marker) || statementParameter.contains(marker) { try await kill() }
        return response
    }
    func beginTransaction() async throws -> String { try await wrapped.beginTransaction() }
    func commitTransaction(_ transactionId: String) async throws { try await wrapped.commitTransaction(transactionId) as Void }
    func rollbackTransaction(_ transactionId: String) async throws { try await wrapped.rollbackTransaction(transactionId) as Void }
}

/// The database server process is killed in the middle of a version (a dedicated server and endpoint, not the
/// shared fixture), then started again on the same data.
@Suite("Migrator when the database server dies mid-run", .serialized)
struct MigratorServerKilledTests {
    @Test(arguments: MigrationEngine.allCases)
    func clearErrorThenCorrectStateAfterRestart(_ engine: MigrationEngine) async throws {
        let databaseServer = try await LocalDatabaseServer.start(engine == .postgresql ? .postgresql : .mysql)
        defer { databaseServer.stop() }
        try await databaseServer.createDatabase("killed")
        let resourceArn = "arn:aws:rds:us-east-1:123456789012:cluster:killed"
        let secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:killed-AbCdEf"
        let endpoint = LocalDataAPIServer(configuration: LocalEndpointConfiguration(
            clusters: [resourceArn: .init(backend: databaseServer.backend, defaultDatabase: "killed")],
            secrets: [secretArn: databaseServer.address.credentials]))
        let port = try await endpoint.start()
        let client = DataAPIClient(
            configuration: .init(
                resourceArn: resourceArn, secretArn: secretArn, database: "killed", region: "us-east-1",
                endpoint: "http://127.0.0.1:\(port)",
                retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(100), deadline: .seconds(5))),
            credentialProvider: StaticCredentialProvider(LocalEndpointConfiguration.defaultCredentials),
            transport: AsyncHTTPClientTransport())

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("killed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "CREATE TABLE a (id INTEGER);".write(to: directory.appendingPathComponent("v1.sql"), atomically: true, encoding: .utf8)
        try "CREATE TABLE b (id INTEGER);\nCREATE TABLE killed_after (id INTEGER);\nCREATE TABLE c (id INTEGER);"
            .write(to: directory.appendingPathComponent("v2.sql"), atomically: true, encoding: .utf8)
        let scripts = try MigrationScripts.load(directory: directory.path)
        let options = Migrator.Options(
            appliedBy: "killed-test", lockTimeout: .seconds(20), lockTTL: .seconds(2), lockPollInterval: .milliseconds(100))

        let serverProcess = try DatabaseServerProcess.find(directory: databaseServer.directory)
        let killing = KillingDatabase(wrapped: client, marker: "killed_after") {
            // The throwaway server runs with synchronous_commit=off: give its WAL writer time to flush the commits
            // made before the crash (a durable server such as Aurora has them on disk already).
            try await Task.sleep(for: .seconds(1))
            try await serverProcess.kill()
        }
        var failure: (any Error)?
        do {
            _ = try await Migrator(database: killing, scripts: scripts, options: options).migrate()
        } catch {
            failure = error
        }
        // A clear error: the database is unavailable (on PostgreSQL wrapped with "the whole version was rolled back").
        let text = String(describing: try #require(failure))
        #expect(text.contains("connection"), "\(text)")
        if engine == .postgresql { #expect(text.contains("rolled back")) }

        let restarted = try serverProcess.restart()
        defer {
            // SIGKILL, not SIGTERM: PostgreSQL's smart shutdown waits for every session, and a failed expectation
            // below skips `endpoint.stop()`, which would leave the endpoint's pooled sessions open for ever.
            kill(restarted.processIdentifier, SIGKILL)
            restarted.waitUntilExit()
        }
        var ready = false
        for _ in 0..<100 where !ready {
            ready = (try? await client.execute("SELECT 1", parameters: [], transactionId: nil)) != nil
            if !ready { try await Task.sleep(for: .milliseconds(200)) }
        }
        try #require(ready, "the database server did not come back: \(databaseServer.logTail())")

        let migrator = Migrator(database: client, scripts: scripts, options: options)
        let status = try await migrator.status()
        #expect(status.versions[0].state == .applied)
        switch engine {
        case .postgresql:
            // The version's transaction died with the server: nothing of v2 is there, and it simply runs again.
            #expect(status.versions[1].state == .pending)
            #expect(try await migrator.migrate().applied == [2])
        case .mysql:
            // Statements 1 and 2 committed and were recorded in the same calls (the step procedure); statement 3
            // met the dead server: the history says the run stopped during statement 3, and migrate refuses until
            // repair.
            #expect(status.versions[1].state == .dirty)
            #expect(status.versions[1].record?.state == .running)
            #expect(status.versions[1].record?.statementsApplied == 2)
            // Statement 2 did commit: its table is there.
            #expect(try await client.execute("SELECT count(*) FROM killed_after", parameters: [], transactionId: nil)
                .records?.first?.first == .long(0))
            let refused = await migrationError { _ = try await migrator.migrate() }
            #expect(refused?.code == .dirtyVersion)
            #expect(refused?.message.contains("the run stopped during statement 3 of 3") == true)
        }
        await endpoint.stop()
    }
}
