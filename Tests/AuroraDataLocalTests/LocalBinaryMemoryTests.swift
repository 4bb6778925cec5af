import AuroraAWS
import AuroraDatabaseDrivers
import AuroraDatabaseServers
import AuroraDataLocal
import AuroraDataLocalTestSupport
import Foundation
import Testing

/// A `SELECT` of about 1 GB through the real `aurora-data-local`: rows are streamed and reading stops at the Data
/// API's 1 MiB response limit, so the endpoint's resident memory barely grows and its connections stay usable.
@Suite("aurora-data-local memory", .serialized)
struct LocalBinaryMemoryTests {
    static let limitMessage = "Database returned more than the allowed response size limit"

    /// One million rows of 1000 bytes.
    static func gigabyteSQL(_ engine: DatabaseEngine) -> String {
        engine == .postgresql
            ? "SELECT g, repeat('x', 1000) AS filler FROM generate_series(1, 1000000) AS g"
            : "SELECT seq, REPEAT('x', 1000) AS filler FROM seq_1_to_1000000"
    }

    @Test(arguments: serverEngines)
    func gigabyteSelectAnswersTheLimitErrorWithBoundedMemory(engine: DatabaseEngine) async throws {
        let fixture = try await LocalEndpointFixture.shared(engine)
        let database = try await fixture.makeDatabase("huge")
        let process = try LocalEndpointProcess([
            "--port", "0", "--database-url", LocalEndpointProcess.url(of: fixture.databaseServer.address, database: database),
        ])
        defer { process.kill() }
        let url = try await process.ready()
        // Warm up: the pool's connection and the first request's allocations are not what is measured.
        #expect(try await fixture.call("/Execute", ["sql": "SELECT 1"], to: url).status == 200)
        let before = try process.residentBytes()

        let started = ContinuousClock.now
        let answer = try await fixture.call("/Execute", ["sql": Self.gigabyteSQL(engine)], to: url)
        let elapsed = ContinuousClock.now - started
        let after = try process.residentBytes()
        let growth = after - before
        print("\(engine): 1 GB SELECT answered \(answer.status) in \(elapsed); VmRSS \(before >> 20) MiB -> \(after >> 20) MiB "
            + "(growth \(growth >> 10) KiB)")
        #expect(answer.status == 400)
        #expect(answer.code == "BadRequestException")
        #expect(answer.message?.hasPrefix(Self.limitMessage) == true, "\(answer.json)")
        #expect(growth < 64 << 20)

        // In a transaction: the same error, and the transaction is ended (the Data API aborts it).
        let id = try #require(try await fixture.call("/BeginTransaction", [:], to: url).json["transactionId"] as? String)
        let inTransaction = try await fixture.call("/Execute", ["sql": Self.gigabyteSQL(engine), "transactionId": id], to: url)
        #expect(inTransaction.message?.hasPrefix(Self.limitMessage) == true, "\(inTransaction.json)")
        #expect(try await fixture.call("/CommitTransaction", ["transactionId": id], to: url).code == "TransactionNotFoundException")

        // The pooled connections are clean: statements run, and no query of the big result is left running.
        for _ in 0..<4 {
            let one = try await fixture.call("/Execute", ["sql": "SELECT 2 AS two"], to: url)
            #expect(one.status == 200, "\(one.json)")
            #expect((one.records?.first?.first?["longValue"] as? NSNumber)?.intValue == 2)
        }
        let running = engine == .postgresql
            ? "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%filler FROM generate_series%' AND pid <> pg_backend_pid()"
            : "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE '%filler FROM seq_1%' AND ID <> CONNECTION_ID()"
        let left = try await fixture.call("/Execute", ["sql": running + (engine == .postgresql ? " AND state = 'active'" : "")], to: url)
        #expect((left.records?.first?.first?["longValue"] as? NSNumber)?.intValue == 0, "\(left.json)")
    }

    /// Just under the limit still answers every row; just over answers the error (the count is exact).
    @Test(arguments: serverEngines)
    func limitIsExact(engine: DatabaseEngine) async throws {
        let fixture = try await LocalEndpointFixture.shared(engine)
        let repeatSQL = engine == .postgresql ? "repeat('x', 1024)" : "REPEAT('x', 1024)"
        let series = engine == .postgresql ? "generate_series(1, %d)" : "seq_1_to_%d"
        let fits = try await fixture.call("/Execute", ["sql": "SELECT \(repeatSQL) FROM \(String(format: series, 1024))"])
        #expect(fits.status == 200, "\(fits.json)")
        #expect(fits.records?.count == 1024)
        let over = try await fixture.call("/Execute", ["sql": "SELECT \(repeatSQL) FROM \(String(format: series, 1025))"])
        #expect(over.message?.hasPrefix(Self.limitMessage) == true, "\(over.json)")
    }
}
