import AsyncHTTPClient
import AuroraAWS
import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraDatabaseServers
import AuroraDataLocal
import AuroraDataLocalTestSupport
import AuroraProcess
import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing

/// 64 clients against the real `aurora-data-local` binary (a child process, on loopback, on the shared throwaway
/// server) for `AURORA_LOAD_SECONDS` (default 60) per engine: autocommit inserts and selects, transactions that
/// commit or roll back, and about 10% failing statements. Afterwards no transaction or connection of the endpoint
/// is left on the database server, every committed row is there and no other, and the endpoint's resident memory
/// is back within 20% of where it stood after warming up. Prints requests/s and the memory figures.
@Suite("Local endpoint under load", .serialized)
struct EndpointLoadTests {
    static let clients = 64

    @Test(arguments: serverEngines)
    func clientsMixingEverythingLeaveNothingBehind(engine: DatabaseEngine) async throws {
        let seconds = ProcessInfo.processInfo.environment["AURORA_LOAD_SECONDS"].flatMap(Int.init) ?? 60
        let fixture = try await LocalEndpointFixture.shared(engine)
        let database = try await fixture.makeDatabase("load")
        let endpoint = try await EndpointProcess.start(fixture.databaseServer.address, database: database)
        defer { endpoint.stop() }
        let http = HTTPClient(
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            configuration: {
                var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10)))
                configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = Self.clients
                return configuration
            }()
        )
        let load = LoadClient(fixture: fixture, url: endpoint.url, database: database, transport: AsyncHTTPClientTransport(client: http))
        do {
            try await load.sql("CREATE TABLE load_rows (id BIGINT PRIMARY KEY, client INT NOT NULL)")
            // Row 0 makes the mix's failing inserts fail (a duplicate key).
            try await load.sql("INSERT INTO load_rows (id, client) VALUES (0, -1)")
            // Warm up, so threads, pools and caches exist before the baseline.
            let warmUp = try await load.run(clients: Self.clients, until: .now + .seconds(2), seed: 1)
            #expect(warmUp.unexpected.isEmpty, "unexpected answers: \(warmUp.unexpected.prefix(10))")
            let before = try endpoint.residentKilobytes()
            let started = ContinuousClock.now
            let sampler = Task {
                var peak = 0
                while !Task.isCancelled {
                    peak = max(peak, (try? endpoint.residentKilobytes()) ?? 0)
                    try? await Task.sleep(for: .milliseconds(500))
                }
                return peak
            }
            let tally = try await load.run(clients: Self.clients, until: started + .seconds(seconds), seed: 2)
            let elapsed = ContinuousClock.now - started
            sampler.cancel()
            let peak = await sampler.value
            #expect(tally.unexpected.isEmpty, "unexpected answers: \(tally.unexpected.prefix(10))")

            // Nothing left open: no transaction, and (once the endpoint stops) no connection.
            let checker = try await fixture.databaseServer.backend.connect(
                database: database, credentials: fixture.databaseServer.address.credentials
            )
            defer { checker.close() }
            #expect(try await Self.number(checker, Self.openTransactionsSQL(engine, database)) == 0)
            // Memory: wait (bounded) for the endpoint to hand back what the load used.
            var after = try endpoint.residentKilobytes()
            let settle = ContinuousClock.now + .seconds(10)
            while Double(after) > Double(before) * 1.2, ContinuousClock.now < settle {
                try await Task.sleep(for: .milliseconds(250))
                after = try endpoint.residentKilobytes()
            }
            let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let rate = Double(tally.requests) / elapsedSeconds
            let work = "\(tally.requests) requests in \(elapsed) (\(Int(rate)) requests/s)"
            let mix = "\(tally.commits) commits, \(tally.rollbacks) rollbacks, \(tally.failures) failed statements"
            let memory = "VmRSS \(before) kB after warm-up, peak \(peak) kB, \(after) kB after"
            print("load \(engine.rawValue): \(Self.clients) clients, \(work), \(mix); \(memory)")
            // Statement deadlines once were `Task.sleep`s, whose timers outlive their cancellation for the whole
            // statement timeout: this check caught the +16-34% that left behind.
            #expect(Double(after) <= Double(before) * 1.2, "VmRSS \(before) kB -> \(after) kB")

            // Every committed row is there, no other.
            let kept = try await Self.ids(checker)
            let committed = tally.committed.union(warmUp.committed).union([0])
            #expect(committed.subtracting(kept).isEmpty, "lost committed rows: \(committed.subtracting(kept).prefix(10))")
            #expect(kept.subtracting(committed).isEmpty, "rows that were not committed: \(kept.subtracting(committed).prefix(10))")

            endpoint.stop()
            try await waitUntil("the endpoint's connections are gone") {
                try await Self.number(checker, Self.connectionsSQL(engine, database)) == 0
            }
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    /// Transactions open on `database`, the checker's own excluded.
    static func openTransactionsSQL(_ engine: DatabaseEngine, _ database: String) -> String {
        engine == .postgresql
            ? "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid() "
                + "AND xact_start IS NOT NULL"
            : "SELECT COUNT(*) FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p "
                + "ON p.ID = t.trx_mysql_thread_id WHERE p.DB = '\(database)' AND p.ID <> CONNECTION_ID()"
    }

    /// Sessions on `database`, the checker's own excluded.
    static func connectionsSQL(_ engine: DatabaseEngine, _ database: String) -> String {
        engine == .postgresql
            ? "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()"
            : "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '\(database)' AND ID <> CONNECTION_ID()"
    }

    static func number(_ connection: any DatabaseConnection, _ sql: String) async throws -> Int64? {
        let outcome = try await connection.execute(sql: sql, parameters: [], resultSetOptions: nil)
        let field: Field? = outcome.records?.first?.first
        guard case .long(let value)? = field else { return nil }
        return value
    }

    static func ids(_ connection: any DatabaseConnection) async throws -> Set<Int64> {
        let outcome = try await connection.execute(sql: "SELECT id FROM load_rows", parameters: [], resultSetOptions: nil)
        let rows: [[Field]] = outcome.records ?? []
        return Set(rows.compactMap { (row: [Field]) -> Int64? in
            let field: Field? = row.first
            if case .long(let value)? = field { return value }
            return nil
        })
    }
}

/// What the clients did and saw.
struct LoadTally: Sendable {
    var requests = 0
    var commits = 0
    var rollbacks = 0
    var failures = 0
    /// Rows whose insert (autocommit, or in a transaction whose commit succeeded) was confirmed.
    var committed: Set<Int64> = []
    /// Answers the mix did not expect (status and message).
    var unexpected: [String] = []

    mutating func merge(_ other: LoadTally) {
        requests += other.requests
        commits += other.commits
        rollbacks += other.rollbacks
        failures += other.failures
        committed.formUnion(other.committed)
        unexpected += other.unexpected
    }
}

/// The clients of the load test, each a loop of random operations (seeded: a run can be repeated).
struct LoadClient: Sendable {
    let fixture: LocalEndpointFixture
    let url: String
    let database: String
    let transport: AsyncHTTPClientTransport

    @discardableResult
    func sql(_ sql: String, _ extra: [String: Any] = [:]) async throws -> EndpointAnswer {
        var body = extra
        body["sql"] = sql
        if body["transactionId"] == nil { body["database"] = database }
        return try await fixture.call("/Execute", body, to: url, transport: transport)
    }

    func run(clients: Int, until deadline: ContinuousClock.Instant, seed: UInt64) async throws -> LoadTally {
        try await withThrowingTaskGroup(of: LoadTally.self) { group in
            for client in 0..<clients {
                group.addTask {
                    var random = SplitMix64(seed: seed &* 1_000_003 &+ UInt64(client))
                    var tally = LoadTally()
                    // Ids are unique per (run, client): the high bits hold both.
                    var next = (Int64(seed) << 40) | (Int64(client) << 28)
                    while ContinuousClock.now < deadline {
                        try await step(client: client, random: &random, next: &next, tally: &tally)
                    }
                    return tally
                }
            }
            var total = LoadTally()
            for try await tally in group { total.merge(tally) }
            return total
        }
    }

    /// One operation: an autocommit insert or select (a tenth of them failing), or a transaction of a few
    /// inserts (a tenth failing) that commits or rolls back.
    private func step(client: Int, random: inout SplitMix64, next: inout Int64, tally: inout LoadTally) async throws {
        let roll = random.next() % 100
        if roll < 50 {
            let (sql, fails) = statement(random: &random, next: &next)
            let answer = try await self.sql(sql)
            tally.requests += 1
            check(answer, fails: fails, sql: sql, tally: &tally)
            if answer.status == 200, let id = Self.insertedID(sql) { tally.committed.insert(id) }
            return
        }
        let begin = try await fixture.call("/BeginTransaction", ["database": database], to: url, transport: transport)
        tally.requests += 1
        guard let id = begin.json["transactionId"] as? String else {
            tally.unexpected.append("begin: \(begin.status) \(begin.message ?? "")")
            return
        }
        var inserted: [Int64] = []
        var failed = false
        for _ in 0..<(1 + random.next() % 4) {
            let (sql, fails) = statement(random: &random, next: &next)
            let answer = try await self.sql(sql, ["transactionId": id])
            tally.requests += 1
            // After a failure PostgreSQL refuses every statement of the transaction (25P02).
            check(answer, fails: fails || (failed && fixture.engine == .postgresql), sql: sql, tally: &tally)
            if answer.status == 200, let row = Self.insertedID(sql) { inserted.append(row) }
            if answer.status != 200 { failed = true }
        }
        let commit = random.next() % 10 < 7
        let end = try await fixture.call(
            commit ? "/CommitTransaction" : "/RollbackTransaction", ["transactionId": id], to: url, transport: transport
        )
        tally.requests += 1
        if commit {
            // PostgreSQL rolls back a transaction in which a statement failed, yet the commit answers 200 as on AWS;
            // MySQL commits what succeeded (the failed statement alone had no effect).
            let rolledBack = failed && fixture.engine == .postgresql
            if end.status == 200, end.json["transactionStatus"] as? String == "Transaction Committed" {
                tally.commits += 1
                if !rolledBack { tally.committed.formUnion(inserted) }
            } else {
                tally.unexpected.append("commit: \(end.status) \(end.message ?? "")")
            }
        } else if end.status == 200 {
            tally.rollbacks += 1
        } else {
            tally.unexpected.append("rollback: \(end.status) \(end.message ?? "")")
        }
    }

    /// A statement of the mix and whether it must fail: inserts, selects, and one in ten failing (a duplicate
    /// key or a missing table).
    private func statement(random: inout SplitMix64, next: inout Int64) -> (String, Bool) {
        let roll = random.next() % 10
        if roll == 0 {
            return random.next() % 2 == 0
                ? ("INSERT INTO load_rows (id, client) VALUES (0, -1)", true)
                : ("SELECT * FROM no_such_table", true)
        }
        if roll < 4 { return ("SELECT COUNT(*) FROM load_rows WHERE client = \(next >> 28 & 0xFFF)", false) }
        next += 1
        return ("INSERT INTO load_rows (id, client) VALUES (\(next), \(next >> 28 & 0xFFF))", false)
    }

    private func check(_ answer: EndpointAnswer, fails: Bool, sql: String, tally: inout LoadTally) {
        if fails {
            tally.failures += 1
            if answer.status != 400 || answer.code != "DatabaseErrorException" {
                tally.unexpected.append("\(sql): \(answer.status) \(answer.message ?? "") (expected a database error)")
            }
        } else if answer.status != 200 {
            tally.unexpected.append("\(sql): \(answer.status) \(answer.message ?? "")")
        }
    }

    /// The id an `INSERT` of the mix writes.
    static func insertedID(_ sql: String) -> Int64? {
        guard sql.hasPrefix("INSERT"), let open = sql.lastIndex(of: "("), let comma = sql[open...].firstIndex(of: ",")
        else { return nil }
        return Int64(sql[sql.index(after: open)..<comma])
    }
}

/// A small seeded generator (SplitMix64), so a load run can be repeated.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The built `aurora-data-local` (`AURORA_DATA_LOCAL`, else `.build/debug/aurora-data-local`) as a child process
/// serving one database of an existing server on a free loopback port.
final class EndpointProcess: Sendable {
    let process: ChildProcess
    let url: String
    let logPath: String

    private init(process: ChildProcess, url: String, logPath: String) {
        self.process = process
        self.url = url
        self.logPath = logPath
    }

    static func start(_ server: DatabaseServerAddress, database: String) async throws -> EndpointProcess {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let binary = ProcessInfo.processInfo.environment["AURORA_DATA_LOCAL"]
            ?? root.appendingPathComponent(".build/debug/aurora-data-local").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build aurora-data-local first: \(binary)")
        let scheme = server.engine == .postgresql ? "postgresql" : "mysql"
        let user = server.credentials.username.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let password = server.credentials.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let databaseURL = "\(scheme)://\(user):\(password)@\(server.host):\(server.port)/\(database)"
        let logPath = FileManager.default.temporaryDirectory.appendingPathComponent("aurora-load-\(UUID().uuidString).log").path
        let process = try ChildProcess.spawn(
            binary, ["--database-url", databaseURL, "--port", "0"], environment: [:], logPath: logPath
        )
        var url: String?
        try await waitUntil("aurora-data-local prints its endpoint") {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if process.hasExited() {
                Issue.record("aurora-data-local exited: \(log)")
                throw CancellationError()
            }
            url = log.split(separator: "\n").first { $0.hasPrefix("endpoint: ") }.map { String($0.dropFirst(10)) }
            return url != nil && log.contains("\nready")
        }
        return EndpointProcess(process: process, url: try #require(url), logPath: logPath)
    }

    /// VmRSS of the process, in kB.
    func residentKilobytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(process.pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }

    /// Stops the endpoint (SIGKILL after a grace period: children may inherit a blocked SIGTERM) and waits for it.
    func stop() {
        guard !process.hasExited() else { return }
        process.terminate(with: SIGTERM, grace: .seconds(3))
    }
}
