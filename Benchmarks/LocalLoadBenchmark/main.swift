// local-load-benchmark: 16 concurrent clients (the project's DataAPIClient, signed HTTP) doing INSERT and
// SELECT against the local Data API endpoint on a throwaway PostgreSQL and a throwaway MariaDB, printing
// requests per second and p50/p99 latency, then checking that every insert arrived.
//
// swift run -c release local-load-benchmark [requests-per-client]   (default 250)

import AuroraDataAPI
import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import Foundation

let clients = 16
let requestsPerClient = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 250

struct EngineFigures {
    var engine: DatabaseEngine
    var requests: Int
    var seconds: Double
    var p50: Duration
    var p99: Duration
    var inserted: Int64
    var expected: Int64
}

func milliseconds(_ duration: Duration) -> String {
    let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    return String(format: "%.2f ms", ms)
}

func run(_ engine: DatabaseEngine) async throws -> EngineFigures {
    let endpoint = try await LocalEndpointFixture.shared(engine)
    let database = try await endpoint.makeDatabase("load")
    let client = endpoint.client(database: database)
    try await client.execute("CREATE TABLE load_rows (worker INT NOT NULL, seq INT NOT NULL, note VARCHAR(64))")

    let clock = ContinuousClock()
    let started = clock.now
    let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
        for worker in 0..<clients {
            group.addTask {
                var timings: [Duration] = []
                timings.reserveCapacity(requestsPerClient)
                for seq in 0..<requestsPerClient {
                    let begin = clock.now
                    if seq % 2 == 0 {
                        try await client.execute(
                            "INSERT INTO load_rows (worker, seq, note) VALUES (\(worker), \(seq), \("row \(seq)"))"
                        )
                    } else {
                        try await client.execute("SELECT seq, note FROM load_rows WHERE worker = \(worker) AND seq = \(seq - 1)")
                    }
                    timings.append(clock.now - begin)
                }
                return timings
            }
        }
        var all: [Duration] = []
        for try await timings in group { all += timings }
        return all.sorted()
    }
    let elapsed = clock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let counted = try await client.execute("SELECT COUNT(*) FROM load_rows")
    var inserted: Int64 = -1
    if case .long(let value)? = counted.records?.first?.first { inserted = value }
    return EngineFigures(
        engine: engine, requests: latencies.count, seconds: seconds,
        p50: latencies[latencies.count / 2], p99: latencies[min(latencies.count - 1, latencies.count * 99 / 100)],
        inserted: inserted, expected: Int64(clients * ((requestsPerClient + 1) / 2))
    )
}

var failed = false
print("local-load-benchmark: \(clients) clients x \(requestsPerClient) requests (half INSERT, half SELECT)")
for engine in [DatabaseEngine.postgresql, .mysql] {
    do {
        let figures = try await run(engine)
        let rate = Double(figures.requests) / figures.seconds
        print(
            "\(engine.rawValue): \(figures.requests) requests in \(String(format: "%.2f", figures.seconds)) s = "
                + "\(String(format: "%.0f", rate)) req/s, p50 \(milliseconds(figures.p50)), p99 \(milliseconds(figures.p99)); "
                + "rows \(figures.inserted)/\(figures.expected) \(figures.inserted == figures.expected ? "OK" : "MISSING")"
        )
        if figures.inserted != figures.expected { failed = true }
    } catch {
        print("\(engine.rawValue): failed: \(error)")
        failed = true
    }
}
exit(failed ? 1 : 0)
