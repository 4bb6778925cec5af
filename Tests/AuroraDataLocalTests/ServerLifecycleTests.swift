import AuroraDatabaseDrivers
import AuroraDataLocal
import AuroraDataLocalTestSupport
import Foundation
import Synchronization
import Testing

/// Timeouts, limits, concurrency and auto-pause, each on an endpoint of its own with short settings.
@Suite("Local endpoint lifecycles and limits")
struct ServerLifecycleTests {
    @Test(arguments: serverEngines)
    func idleTransactionIsRolledBackAndForgotten(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("idle")
        let clock = ManualDate()
        try await endpoint.withEndpoint({
            $0.transactionIdleTimeout = .seconds(180)
            $0.now = { clock.now }
        }) { url in
            try await endpoint.sql("CREATE TABLE t (v INT)", database: database, to: url)
            let kept = try await endpoint.begin(database, to: url)
            let id = try await endpoint.begin(database, to: url)
            try await endpoint.sql("INSERT INTO t VALUES (1)", database: database, ["transactionId": id], to: url)
            clock.advance(by: 179)
            try await endpoint.sql("SELECT 1", database: database, ["transactionId": kept], to: url)
            clock.advance(by: 2)
            let late = try await endpoint.call("/CommitTransaction", ["transactionId": id], to: url)
            #expect(late.status == 404)
            #expect(late.code == "TransactionNotFoundException")
            #expect(late.message?.contains("without a call") == true, "\(late.json)")
            #expect(try await endpoint.count("t", database: database, to: url) == 0)
            // Used 2 s ago: still open.
            #expect(try await endpoint.call("/CommitTransaction", ["transactionId": kept], to: url).status == 200)
        }
    }

    @Test(arguments: serverEngines)
    func transactionPastItsMaximumLifeIsRolledBack(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("life")
        let clock = ManualDate()
        try await endpoint.withEndpoint({
            $0.transactionMaxLifetime = .seconds(200)
            $0.now = { clock.now }
        }) { url in
            try await endpoint.sql("CREATE TABLE t (v INT)", database: database, to: url)
            let id = try await endpoint.begin(database, to: url)
            // Steps under the idle timeout, and under the 5 minutes of signature skew the clock also governs.
            for _ in 0..<4 {
                clock.advance(by: 50)
                try await endpoint.sql("INSERT INTO t VALUES (1)", database: database, ["transactionId": id], to: url)
            }
            clock.advance(by: 1)
            let late = try await endpoint.call("/Execute", ["sql": "INSERT INTO t VALUES (2)", "transactionId": id], to: url)
            #expect(late.code == "TransactionNotFoundException")
            #expect(late.message?.contains("maximum life") == true, "\(late.json)")
            #expect(try await endpoint.count("t", database: database, to: url) == 0)
        }
    }

    @Test(arguments: serverEngines)
    func secondStatementOnABusyTransactionFailsAtOnce(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("busy")
        let id = try #require(
            try await endpoint.call("/BeginTransaction", ["database": database]).json["transactionId"] as? String
        )
        async let slow = endpoint.call("/Execute", ["sql": endpoint.sleepSQL(2), "transactionId": id])
        try await endpoint.waitForRunning(endpoint.sleepSQL(2), database: database)
        let started = ContinuousClock.now
        let second = try await endpoint.call("/Execute", ["sql": "SELECT 1", "transactionId": id])
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(second.status == 400)
        #expect(second.code == "DatabaseErrorException")
        #expect(second.message == "Transaction is still running a query")
        #expect(try await slow.status == 200)
        #expect(try await endpoint.call("/CommitTransaction", ["transactionId": id]).status == 200)
    }

    @Test(arguments: serverEngines)
    func longStatementTimesOutAndIsCancelled(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("timeout")
        try await endpoint.withEndpoint({ $0.statementTimeout = .seconds(1) }) { url in
            let started = ContinuousClock.now
            let answer = try await endpoint.call("/Execute", ["sql": endpoint.sleepSQL(5), "database": database], to: url)
            #expect(ContinuousClock.now - started < .seconds(4))
            #expect(answer.status == 400)
            #expect(answer.code == "StatementTimeoutException")
            #expect((answer.json["dbConnectionId"] as? NSNumber)?.int64Value ?? 0 > 0)
            // The endpoint still answers afterwards.
            #expect(try await endpoint.call("/Execute", ["sql": "SELECT 1", "database": database], to: url).status == 200)
        }
    }

    @Test(arguments: serverEngines)
    func continueAfterTimeoutLetsTheStatementFinish(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("continue")
        try await endpoint.withEndpoint({ $0.statementTimeout = .seconds(1) }) { url in
            try await endpoint.sql("CREATE TABLE t (v INT)", database: database, to: url)
            let insert = engine == .postgresql
                ? "INSERT INTO t (v) SELECT 7 FROM pg_sleep(2)"
                : "INSERT INTO t (v) SELECT 7 FROM (SELECT SLEEP(2)) AS s"
            let answer = try await endpoint.call(
                "/Execute", ["sql": insert, "database": database, "continueAfterTimeout": true], to: url
            )
            #expect(answer.code == "StatementTimeoutException")
            // The statement was not cancelled: its row arrives when it ends.
            try await waitUntil("the row is inserted") { try await endpoint.count("t", database: database, to: url) == 1 }
        }
    }

    @Test(arguments: serverEngines)
    func oversizedResultsAreRefusedAndAbortTheTransaction(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("limits")
        try await endpoint.withEndpoint({
            $0.limits = .init(responseBytes: 1000, requestBytes: 2000, rowBytes: 600, formattedRecordsBytes: 100)
        }) { url in
            let repeatSQL = engine == .postgresql ? "repeat('x', 500)" : "REPEAT('x', 500)"
            let union = "SELECT \(repeatSQL) AS a UNION ALL SELECT \(repeatSQL) UNION ALL SELECT \(repeatSQL)"
            let id = try #require(
                try await endpoint.call("/BeginTransaction", ["database": database], to: url).json["transactionId"] as? String
            )
            let tooMuch = try await endpoint.call("/Execute", ["sql": union, "transactionId": id], to: url)
            #expect(tooMuch.status == 400)
            #expect(tooMuch.code == "BadRequestException")
            #expect(tooMuch.message?.hasPrefix("Database returned more than the allowed response size limit") == true)
            #expect(try await endpoint.call("/CommitTransaction", ["transactionId": id], to: url).code == "TransactionNotFoundException")

            let wideRow = try await endpoint.call(
                "/Execute", ["sql": "SELECT \(repeatSQL) AS a, \(repeatSQL) AS b", "database": database], to: url
            )
            #expect(wideRow.code == "DatabaseErrorException")
            #expect(wideRow.message?.hasPrefix("Packet for query is too large") == true)

            let json = try await endpoint.call(
                "/Execute", ["sql": "SELECT \(repeatSQL) AS a", "database": database, "formatRecordsAs": "JSON"], to: url
            )
            #expect(json.code == "BadRequestException")

            let big = try await endpoint.call(
                "/Execute", ["sql": "SELECT '\(String(repeating: "y", count: 3000))'", "database": database], to: url
            )
            #expect(big.status == 413)
            #expect(big.code == "RequestEntityTooLarge")
        }
    }

    @Test(arguments: serverEngines)
    func pausedClusterAnswersResumingThenWakesUp(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let clock = ManualDate()
        try await endpoint.withEndpoint({
            $0.autoPause = .init(idleAfter: .seconds(60), resumeAfter: .seconds(15))
            $0.now = { clock.now }
        }) { url in
            #expect(try await endpoint.call("/Execute", ["sql": "SELECT 1"], to: url).status == 200)
            clock.advance(by: 59)
            #expect(try await endpoint.call("/Execute", ["sql": "SELECT 1"], to: url).status == 200)
            clock.advance(by: 61)
            let paused = try await endpoint.call("/Execute", ["sql": "SELECT 1"], to: url)
            #expect(paused.status == 400)
            #expect(paused.code == "DatabaseResumingException")
            #expect(paused.message?.contains("is resuming after being auto-paused") == true)
            clock.advance(by: 14)
            #expect(try await endpoint.call("/Execute", ["sql": "SELECT 1"], to: url).code == "DatabaseResumingException")
            clock.advance(by: 2)
            #expect(try await endpoint.call("/Execute", ["sql": "SELECT 1"], to: url).status == 200)
        }
    }
}

/// A clock the test moves by hand; it starts at the real time so request signatures stay within the skew.
final class ManualDate: Sendable {
    private let current = Mutex(Date())
    var now: Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
}
