// The driver benchmark's table, rows, ways and checks, shared by `driver-benchmark` (in this package, the endpoint
// in-process) and Benchmarks/DriverConsumer (a package of its own, as a user's app, against an endpoint process).
import AuroraDataAPI
import AuroraFluent
import AuroraSQLKit
import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

let rowCount = 1_000
let values = (1...rowCount).map(NewBenchRow.init)

enum Way: Int, CaseIterable {
    case fluent, sqlkit, client
    /// Fluent reading a model that lists its properties (reads only): what FluentKit's per-row reflection costs.
    case fluentListed

    var name: String { ["Fluent", "SQLKit", "client.query", "Fluent, properties listed"][rawValue] }
    var key: String { ["fluent", "sqlkit", "client", "fluent_listed"][rawValue] }
    /// The ways that insert (the listed-properties model only changes reads).
    static let inserting: [Way] = [.fluent, .sqlkit, .client]
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
}

/// One engine's database with the read table filled, and the three ways onto it.
struct Bench {
    let engine: AuroraSQLEngine
    let client: DataAPIClient
    let sql: AuroraSQLDatabase
    let databases: Databases
    let fluent: any FluentKit.Database

    static let columns = ["id", "name", "quantity", "score", "created_at", "active", "price"]
    static let selectList = columns.joined(separator: ", ")

    /// Creates the table (anew) in the client's database, fills it with the generated rows, and sets up Fluent.
    static func make(_ engine: AuroraSQLEngine, client: DataAPIClient) async throws -> Bench {
        let ddl: String
        switch engine {
        case .postgresql:
            ddl = "CREATE TABLE bench_rows (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, quantity INTEGER NOT NULL, "
                + "score DOUBLE PRECISION NOT NULL, created_at TIMESTAMP(6) NOT NULL, active BOOLEAN NOT NULL, "
                + "price NUMERIC(12, 2) NOT NULL)"
        case .mysql:
            ddl = "CREATE TABLE bench_rows (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255) NOT NULL, "
                + "quantity INT NOT NULL, score DOUBLE NOT NULL, created_at DATETIME(6) NOT NULL, "
                + "active BOOLEAN NOT NULL, price DECIMAL(12, 2) NOT NULL) DEFAULT CHARSET = utf8mb4"
        }
        try await client.execute("DROP TABLE IF EXISTS bench_rows")
        try await client.execute(SQLQuery(unsafeSQL: ddl))
        // The rows read: 1...1,000 in one batch call (ids 1...1,000 in a fresh table).
        let sets = try values.map { row in
            [
                try row.name.dataAPIValue().parameter(named: "name"),
                try row.quantity.dataAPIValue().parameter(named: "quantity"),
                try row.score.dataAPIValue().parameter(named: "score"),
                try row.createdAt.dataAPIValue().parameter(named: "created_at"),
                try row.active.dataAPIValue().parameter(named: "active"),
                try row.price.dataAPIValue().parameter(named: "price"),
            ]
        }
        try await client.batchExecute(
            SQLQuery(
                unsafeSQL: "INSERT INTO bench_rows (name, quantity, score, created_at, active, price) "
                    + "VALUES (:name, :quantity, :score, :created_at, :active, :price)"),
            parameterSets: sets)

        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.auroraDataAPI(client: client, engine: engine), as: DatabaseID(string: "bench"))
        guard
            let fluent = databases.database(
                DatabaseID(string: "bench"), logger: Logger(label: "driver-benchmark"),
                on: MultiThreadedEventLoopGroup.singleton.any())
        else { throw BenchmarkFailure(description: "Fluent gave no database") }
        return Bench(
            engine: engine, client: client, sql: AuroraSQLDatabase(client: client, engine: engine),
            databases: databases, fluent: fluent)
    }

    // MARK: The timed work

    func read(_ way: Way) async throws -> [BenchRow] {
        switch way {
        case .fluent:
            try await BenchModel.query(on: fluent).sort(\.$id).all().map(\.row)
        case .fluentListed:
            try await ListedBenchModel.query(on: fluent).sort(\.$id).all().map(\.row)
        case .sqlkit:
            try await sql.select().columns(Self.columns).from("bench_rows").orderBy("id").all(decoding: BenchRow.self)
        case .client:
            try await client.query(
                BenchRow.self, SQLQuery(unsafeSQL: "SELECT \(Self.selectList) FROM bench_rows ORDER BY id"))
        }
    }

    /// Inserts the generated rows one statement at a time; Fluent's models' ids as it set them.
    func insert(_ way: Way) async throws -> [Int] {
        var ids: [Int] = []
        switch way {
        case .fluent, .fluentListed:
            for row in values {
                let model = BenchModel(row)
                try await model.create(on: fluent)
                ids.append(model.id ?? -1)
            }
        case .sqlkit:
            for row in values {
                try await sql.insert(into: "bench_rows").model(row).run()
            }
        case .client:
            for row in values {
                try await client.execute(
                    """
                    INSERT INTO bench_rows (name, quantity, score, created_at, active, price) \
                    VALUES (\(row.name), \(row.quantity), \(row.score), \(row.createdAt), \(row.active), \(row.price))
                    """)
            }
        }
        return ids
    }

    // MARK: Checks (untimed)

    /// The rows read are the generated rows 1...1,000, in order.
    func check(read rows: [BenchRow], _ way: Way) throws {
        guard rows.count == rowCount else {
            throw BenchmarkFailure(description: "\(engine) \(way.name) read \(rows.count) rows, expected \(rowCount)")
        }
        for (index, row) in rows.enumerated() where row.id != index + 1 || !values[index].matches(row) {
            throw BenchmarkFailure(
                description: "\(engine) \(way.name) read row \(index + 1) as \(row), expected \(values[index])")
        }
    }

    /// The rows after the first 1,000 are exactly the generated rows in insertion order (and Fluent's ids are
    /// theirs); deletes them.
    func checkInserted(_ way: Way, fluentIDs: [Int]) async throws {
        let rows = try await client.query(
            BenchRow.self, SQLQuery(unsafeSQL: "SELECT \(Self.selectList) FROM bench_rows WHERE id > \(rowCount) ORDER BY id"))
        guard rows.count == rowCount else {
            throw BenchmarkFailure(description: "\(engine) \(way.name) inserted \(rows.count) rows, expected \(rowCount)")
        }
        for (index, row) in rows.enumerated() where !values[index].matches(row) {
            throw BenchmarkFailure(
                description: "\(engine) \(way.name) inserted row \(index + 1) as \(row), expected \(values[index])")
        }
        if way == .fluent, fluentIDs != rows.map(\.id) {
            throw BenchmarkFailure(description: "\(engine) Fluent's created models' ids are not the rows' ids")
        }
        try await client.execute("DELETE FROM bench_rows WHERE id > \(rowCount)")
    }

    func shutdown() async {
        await databases.shutdownAsync()
    }
}

func milliseconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
}

func median(_ times: [Double]) -> Double { times.sorted()[times.count / 2] }

/// Median milliseconds per way of reads and of insert blocks, each way checked after every run.
func measure(_ bench: Bench, readRounds: Int, insertRounds: Int) async throws -> (read: [Double], insert: [Double]) {
    var readTimes = [[Double]](repeating: [], count: Way.allCases.count)
    var insertTimes = [[Double]](repeating: [], count: Way.allCases.count)
    for way in Way.allCases { try bench.check(read: try await bench.read(way), way) }  // warm-up
    for _ in 0..<readRounds {
        for way in Way.allCases.shuffled() {
            var rows: [BenchRow] = []
            readTimes[way.rawValue].append(try await milliseconds { rows = try await bench.read(way) })
            try bench.check(read: rows, way)
        }
    }
    for _ in 0..<insertRounds {
        for way in Way.inserting.shuffled() {
            var ids: [Int] = []
            insertTimes[way.rawValue].append(try await milliseconds { ids = try await bench.insert(way) })
            try await bench.checkInserted(way, fluentIDs: ids)
        }
    }
    return (readTimes.map(median), insertTimes.map { $0.isEmpty ? .nan : median($0) })
}


func cell(_ value: Double, over base: Double, goal: Double) -> String {
    let ratio = value / base
    return String(format: "%8.2f ms  %5.2fx %@", value, ratio, ratio <= goal ? "ok    " : "MISSED")
}

/// Measures each engine's bench (made by `make`) and prints the side-by-side table; false when a way failed a check.
func report(
    engines: [AuroraSQLEngine], readRounds: Int, insertRounds: Int, where place: String,
    make: (AuroraSQLEngine) async throws -> Bench
) async -> Bool {
    print(
        "driver-benchmark: \(rowCount) rows of id, text, int, double, timestamp, bool, decimal into one struct, \(place); "
            + "\(readRounds) interleaved rounds of reads and \(insertRounds) of \(rowCount) sequential inserts; medians")
    print("goals: SQLKit within 1.15x of client.query, Fluent within 2x")
    print(
        "engine      what                 client.query   SQLKit (/client.query)        Fluent (/client.query)"
            + "        Fluent, properties listed")
    var failed = false
    for engine in engines {
        do {
            let bench = try await make(engine)
            let (read, insert) = try await measure(bench, readRounds: readRounds, insertRounds: insertRounds)
            await bench.shutdown()
            for (what, times) in [("read \(rowCount) rows", read), ("\(rowCount) inserts", insert)] {
                let base = times[Way.client.rawValue]
                print(
                    engine.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                        + what.padding(toLength: 18, withPad: " ", startingAt: 0)
                        + String(format: "%9.2f ms   ", base)
                        + cell(times[Way.sqlkit.rawValue], over: base, goal: 1.15) + "   "
                        + cell(times[Way.fluent.rawValue], over: base, goal: 2) + "   "
                        + (times[Way.fluentListed.rawValue].isNaN ? "" : cell(times[Way.fluentListed.rawValue], over: base, goal: 2)))
            }
        } catch {
            print("\(engine.rawValue): failed: \(error)")
            failed = true
        }
    }
    print(failed ? "driver-benchmark: FAILED" : "every read matched the generated rows; every insert block was read back")
    return !failed
}
