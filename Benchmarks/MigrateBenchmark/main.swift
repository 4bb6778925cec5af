// migrate-benchmark: applies 100 generated versions of 5 statements each on PostgreSQL and on MariaDB through
// the local Data API endpoint (real HTTP, real databases) and prints the wall time and the number of Data API
// calls, counted by a transport wrapper (each HTTP request is one call, retries included).
//
//     swift run -c release migrate-benchmark [runs]
import AuroraAWS
import AuroraDataAPI
import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import AuroraMigrate
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Counts every HTTP request per Data API operation (the last path component: Execute, BeginTransaction, ...).
final class CountingTransport: HTTPTransport {
    let wrapped: any HTTPTransport
    private let counts = Mutex<[String: Int]>([:])

    init(_ wrapped: any HTTPTransport) { self.wrapped = wrapped }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let operation = String(request.url.split(separator: "/").last ?? "?")
        counts.withLock { $0[operation, default: 0] += 1 }
        return try await wrapped.send(request, timeout: timeout)
    }

    var snapshot: [String: Int] { counts.withLock { $0 } }
}

/// `value` with `digits` decimals (FoundationEssentials has no String(format:)).
func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let whole = scaled / Int(scale)
    let fraction = String(scaled % Int(scale))
    return digits == 0 ? "\(whole)" : "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
}

let versions = 100
let statementsPerVersion = 5
let runs = CommandLine.arguments.count > 1 ? max(1, Int(CommandLine.arguments[1]) ?? 3) : 3

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-benchmark-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
for version in 1...versions {
    var text = "CREATE TABLE bench_\(version) (id INTEGER NOT NULL PRIMARY KEY, label VARCHAR(40) NOT NULL);\n"
    for row in 1..<statementsPerVersion {
        text += "INSERT INTO bench_\(version) (id, label) VALUES (\(row), 'row \(row); of \(version)');\n"
    }
    try text.write(to: directory.appendingPathComponent("v\(version).sql"), atomically: true, encoding: .utf8)
}
let scripts = try MigrationScripts.load(directory: directory.path)

print("migrate-benchmark: \(versions) versions x \(statementsPerVersion) statements, \(runs) run(s) per engine, fresh database each run")
for engine in MigrationEngine.allCases {
    let endpoint = try await LocalEndpointFixture.shared(engine == .postgresql ? .postgresql : .mysql)
    var seconds: [Double] = []
    var calls: [String: Int] = [:]
    for _ in 0..<runs {
        let database = try await endpoint.makeDatabase("bench")
        let base = endpoint.client(database: database)
        let counter = CountingTransport(base.transport)
        let client = DataAPIClient(
            configuration: base.configuration, credentialProvider: base.credentialProvider, transport: counter)
        let migrator = Migrator(database: client, scripts: scripts, options: .init(appliedBy: "benchmark"))
        let start = ContinuousClock.now
        let report = try await migrator.migrate()
        let elapsed = ContinuousClock.now - start
        precondition(report.applied.count == versions, "expected \(versions) versions, applied \(report.applied.count)")
        seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        calls = counter.snapshot
    }
    seconds.sort()
    let median = seconds[seconds.count / 2]
    let total = calls.values.reduce(0, +)
    let statements = versions * statementsPerVersion
    // The documented counts (docs/migrations.md, "Data API calls"): PostgreSQL N + 5 per version and 3 per run,
    // MySQL N + 1 per version and 9 per run.
    let (perVersion, perRun, formula) =
        engine == .postgresql
        ? (statementsPerVersion + 5, 3, "N + 5 per version, + 3 per run")
        : (statementsPerVersion + 1, 9, "N + 1 per version, + 9 per run")
    let expected = versions * perVersion + perRun
    let detail = calls.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    print("""
        \(engine.rawValue): median wall \(fixed(median, 2)) s (\(fixed(median * 1000 / Double(versions), 1)) ms/version), \
        Data API calls \(total) (\(detail))
          = \(statements) statements + \(total - statements) bookkeeping; \
        per version \(fixed(Double(total) / Double(versions), 2)) calls for \(statementsPerVersion) statements
          documented constant: \(formula) = \(expected) -> \(total == expected ? "matches" : "DIFFERS")
        """)
}
