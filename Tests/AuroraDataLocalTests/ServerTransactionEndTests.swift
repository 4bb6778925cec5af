import AuroraDatabaseDrivers
import AuroraDataLocal
import AuroraDataLocalTestSupport
import Foundation
import Testing

/// Transactions the database ended or refused (a deadlock, a killed connection) and the caps on transactions and
/// connections: the endpoint never runs a statement of an ended transaction in autocommit mode. (A commit after a
/// failed statement: ServiceParityTests.)
@Suite("Local endpoint: transactions the database ended, and caps")
struct ServerTransactionEndTests {
    @Test(arguments: serverEngines)
    func deadlockVictimRunsNothingMore(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("deadlock")
        try await endpoint.sql("CREATE TABLE t (id INT PRIMARY KEY, v INT)", database: database)
        try await endpoint.sql("INSERT INTO t VALUES (1, 0), (2, 0)", database: database)
        let first = try await endpoint.begin(database)
        let second = try await endpoint.begin(database)
        try await endpoint.sql("UPDATE t SET v = 1 WHERE id = 1", database: database, ["transactionId": first])
        try await endpoint.sql("UPDATE t SET v = 2 WHERE id = 2", database: database, ["transactionId": second])
        async let firstWaits = endpoint.call("/Execute", ["sql": "UPDATE t SET v = 1 WHERE id = 2", "transactionId": first])
        // Once it runs (it waits for the second transaction's lock), the second closes the cycle.
        try await endpoint.waitForRunning("UPDATE t SET v = 1 WHERE id = 2", database: database)
        let secondAnswer = try await endpoint.call(
            "/Execute", ["sql": "UPDATE t SET v = 2 WHERE id = 1", "transactionId": second]
        )
        let firstAnswer = try await firstWaits
        // The database picks the victim; exactly one statement fails with a deadlock.
        let answers = [(first, firstAnswer), (second, secondAnswer)]
        let victims = answers.filter { $0.1.status != 200 }
        try #require(victims.count == 1, "\(answers.map(\.1.json))")
        let (victim, deadlock) = victims[0]
        let survivor = victim == first ? second : first
        #expect(deadlock.code == "DatabaseErrorException")
        #expect(deadlock.message?.contains(engine == .postgresql ? "SQLState: 40P01" : "Error code: 1213") == true, "\(deadlock.json)")

        // What the victim sends afterwards is never kept.
        let late = try await endpoint.call("/Execute", ["sql": "INSERT INTO t VALUES (3, 3)", "transactionId": victim])
        #expect(late.status != 200)
        if engine == .mysql {
            // MySQL rolled the transaction back: the id is refused, with the reason.
            #expect(late.status == 404)
            #expect(late.code == "TransactionNotFoundException")
            #expect(late.message?.contains("the database ended it when a statement failed") == true, "\(late.json)")
            #expect(late.message?.contains("Error code: 1213") == true, "\(late.json)")
        } else {
            // PostgreSQL keeps the failed transaction, refusing statements until it is rolled back.
            #expect(late.message?.contains("SQLState: 25P02") == true, "\(late.json)")
        }
        let rollback = try await endpoint.call("/RollbackTransaction", ["transactionId": victim])
        #expect(rollback.status == (engine == .mysql ? 404 : 200), "\(rollback.json)")
        #expect(try await endpoint.call("/CommitTransaction", ["transactionId": survivor]).status == 200)
        #expect(try await endpoint.count("t", database: database) == 2)
        let values = try await endpoint.sql("SELECT v FROM t ORDER BY id", database: database).records
        let survivorValue: Int64 = survivor == first ? 1 : 2
        #expect(values?.map { ($0[0]["longValue"] as? NSNumber)?.int64Value } == [survivorValue, survivorValue])
    }

    @Test(arguments: serverEngines)
    func transactionWhoseConnectionDiedIsRemovedAtOnce(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("killed")
        try await endpoint.withEndpoint({ $0.maxTransactionsPerCluster = 2 }) { url in
            try await endpoint.sql("CREATE TABLE t (id INT)", database: database, to: url)
            let idle = try await endpoint.begin(database, to: url)
            let used = try await endpoint.begin(database, to: url)
            for id in [idle, used] {
                try await endpoint.sql("INSERT INTO t VALUES (1)", database: database, ["transactionId": id], to: url)
            }
            expectOutOfConnections(
                try await endpoint.call("/BeginTransaction", ["database": database], to: url), engine: engine,
                naming: "--max-transactions"
            )
            // Killed while idle and never used again: it leaves at once, freeing its place under the cap.
            try await kill(idle, endpoint: endpoint, database: database, url: url)
            var next: String?
            try await waitUntil("the killed transaction leaves the registry") {
                next = try await endpoint.call("/BeginTransaction", ["database": database], to: url).json["transactionId"] as? String
                return next != nil
            }
            try await expectLost(idle, endpoint: endpoint, url: url)
            // Killed, then used at once: the call fails and the id is gone too.
            try await kill(used, endpoint: endpoint, database: database, url: url)
            let broken = try await endpoint.call("/Execute", ["sql": "INSERT INTO t VALUES (2)", "transactionId": used], to: url)
            #expect(broken.status != 200)
            try await expectLost(used, endpoint: endpoint, url: url)
            #expect(try await endpoint.call("/RollbackTransaction", ["transactionId": try #require(next)], to: url).status == 200)
            #expect(try await endpoint.count("t", database: database, to: url) == 0)
        }
    }

    /// Ends the database session of transaction `id` from another connection.
    private func kill(_ id: String, endpoint: LocalEndpointFixture, database: String, url: String) async throws {
        let engine = endpoint.engine
        let session = try #require(
            try await endpoint.number(
                engine == .postgresql ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()", database: database,
                ["transactionId": id], to: url
            )
        )
        try await endpoint.sql(
            engine == .postgresql ? "SELECT pg_terminate_backend(\(session))" : "KILL \(session)", database: database,
            to: url
        )
    }

    private func expectLost(_ id: String, endpoint: LocalEndpointFixture, url: String) async throws {
        let after = try await endpoint.call("/Execute", ["sql": "INSERT INTO t VALUES (3)", "transactionId": id], to: url)
        #expect(after.status == 404)
        #expect(after.code == "TransactionNotFoundException")
        #expect(after.message?.contains("its database connection was lost") == true, "\(after.json)")
        #expect(try await endpoint.call("/CommitTransaction", ["transactionId": id], to: url).status == 404)
    }

    @Test(arguments: serverEngines)
    func transactionsPastTheCapAreRefusedAndOthersGoOn(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("txcap")
        try await endpoint.withEndpoint({ $0.maxTransactionsPerCluster = 2 }) { url in
            try await endpoint.sql("CREATE TABLE t (id INT)", database: database, to: url)
            let first = try await endpoint.begin(database, to: url)
            let second = try await endpoint.begin(database, to: url)
            let refused = try await endpoint.call("/BeginTransaction", ["database": database], to: url)
            expectOutOfConnections(refused, engine: engine, naming: "--max-transactions")
            // Nothing already running is harmed.
            try await endpoint.sql("INSERT INTO t VALUES (1)", database: database, ["transactionId": first], to: url)
            #expect(try await endpoint.call("/CommitTransaction", ["transactionId": first], to: url).status == 200)
            try await endpoint.sql("INSERT INTO t VALUES (2)", database: database, to: url)
            let third = try await endpoint.begin(database, to: url)
            #expect(try await endpoint.call("/RollbackTransaction", ["transactionId": third], to: url).status == 200)
            #expect(try await endpoint.call("/RollbackTransaction", ["transactionId": second], to: url).status == 200)
            #expect(try await endpoint.count("t", database: database, to: url) == 2)
        }
    }

    @Test(arguments: serverEngines)
    func connectionsPastTheCapAreRefusedAndOthersGoOn(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("conncap")
        try await endpoint.withEndpoint({ $0.maxConnectionsPerCluster = 2 }) { url in
            try await endpoint.sql("CREATE TABLE t (id INT)", database: database, to: url)
            let first = try await endpoint.begin(database, to: url)
            // The pooled connection of the CREATE makes room for this one.
            let second = try await endpoint.begin(database, to: url)
            let refused = try await endpoint.call("/Execute", ["sql": "SELECT 1", "database": database], to: url)
            expectOutOfConnections(refused, engine: engine, naming: "--max-connections")
            expectOutOfConnections(
                try await endpoint.call("/BeginTransaction", ["database": database], to: url), engine: engine,
                naming: "--max-connections"
            )
            try await endpoint.sql("INSERT INTO t VALUES (1)", database: database, ["transactionId": first], to: url)
            #expect(try await endpoint.call("/CommitTransaction", ["transactionId": first], to: url).status == 200)
            // The committed transaction's connection is closed: its place is free.
            try await endpoint.sql("INSERT INTO t VALUES (2)", database: database, to: url)
            try await endpoint.sql("INSERT INTO t VALUES (3)", database: database, ["transactionId": second], to: url)
            #expect(try await endpoint.call("/RollbackTransaction", ["transactionId": second], to: url).status == 200)
            #expect(try await endpoint.count("t", database: database, to: url) == 2)
        }
    }

    private func expectOutOfConnections(
        _ answer: EndpointAnswer, engine: DatabaseEngine, naming flag: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(answer.status == 400, sourceLocation: sourceLocation)
        #expect(answer.code == "DatabaseErrorException", sourceLocation: sourceLocation)
        let message = answer.message ?? ""
        #expect(message.contains(flag), "\(message)", sourceLocation: sourceLocation)
        if engine == .postgresql {
            #expect(message.hasPrefix("FATAL: sorry, too many clients already"), "\(message)", sourceLocation: sourceLocation)
            #expect(message.hasSuffix("SQLState: 53300"), sourceLocation: sourceLocation)
        } else {
            #expect(message.hasPrefix("Too many connections"), "\(message)", sourceLocation: sourceLocation)
            #expect(message.hasSuffix("Error code: 1040; SQLState: 08004"), sourceLocation: sourceLocation)
        }
    }
}
