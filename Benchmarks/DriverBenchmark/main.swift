// driver-benchmark: the same 1,000 rows read, and 1,000 single-row inserts made, three ways against the local Data
// API endpoint (a throwaway PostgreSQL and a throwaway MariaDB, a fresh database each), side by side:
//   Fluent:        BenchModel.query(on: db).sort(\.$id).all()         / BenchModel(...).create(on: db)
//   SQLKit:        sql.select()...all(decoding: BenchRow.self)        / sql.insert(into:).model(...).run()
//   client.query:  client.query(BenchRow.self, "SELECT ...")          / client.execute("INSERT ... \(value)")
// each into the same struct (Fluent's models are turned into it). The reads read rows 1...1,000 of one table; each
// block of inserts adds rows after them, which are read back and deleted before the next block. The three ways run in interleaved rounds (each
// round runs each way once, in a random order), so that a busy machine slows them alike; the figures are medians.
// Every read is checked against the generated rows and every insert block is read back (count, values, Fluent's
// returned ids), so a way that does nothing cannot look fast.
//
// swift run -c release driver-benchmark [read-rounds] [insert-rounds]      (default 31 and 5)
// swift run -c release driver-benchmark --only sqlkit-read [rounds]      one loop alone on PostgreSQL, for a profiler
//   (fluent-read, sqlkit-read, client-read, fluent-insert, sqlkit-insert, client-insert; --mysql for MariaDB)
// swift run -c release driver-benchmark --decode [rounds]      a read's decoding alone, each way (DecodeBreakdown.swift)

import AuroraDataAPI
import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import AuroraFluent
import AuroraSQLKit
import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

let arguments = Array(CommandLine.arguments.dropFirst())
let only = arguments.firstIndex(of: "--only").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
let numbers = arguments.compactMap { Int($0) }
let readRounds = numbers.first ?? (only == nil ? 31 : 101)
let insertRounds = numbers.dropFirst().first ?? 5

extension Bench {
    /// A fresh database on the test endpoint's throwaway server of that engine (started in this process).
    static func make(_ engine: AuroraSQLEngine) async throws -> Bench {
        let endpoint = try await LocalEndpointFixture.shared(engine == .postgresql ? .postgresql : .mysql)
        return try await make(engine, client: endpoint.client(database: try await endpoint.makeDatabase("driver_bench")))
    }
}

/// `--only <way>-<read|insert>`: that loop alone, for a profiler.
func runOnly(_ loop: String) async throws {
    let parts = loop.split(separator: "-").map(String.init)
    guard parts.count == 2, let way = Way.allCases.first(where: { $0.key == parts[0] }), ["read", "insert"].contains(parts[1])
    else { throw BenchmarkFailure(description: "--only takes <fluent|sqlkit|client>-<read|insert>") }
    let bench = try await Bench.make(arguments.contains("--mysql") ? .mysql : .postgresql)
    var times: [Double] = []
    for _ in 0..<(parts[1] == "read" ? readRounds : insertRounds) {
        if parts[1] == "read" {
            var rows: [BenchRow] = []
            times.append(try await milliseconds { rows = try await bench.read(way) })
            try bench.check(read: rows, way)
        } else {
            var ids: [Int] = []
            times.append(try await milliseconds { ids = try await bench.insert(way) })
            try await bench.checkInserted(way, fluentIDs: ids)
        }
    }
    print(String(format: "%@ %@: median %.2f ms of %d", bench.engine.rawValue, loop, median(times), times.count))
    await bench.shutdown()
}


if arguments.contains("--decode") {
    do {
        for engine in [AuroraSQLEngine.postgresql, .mysql] {
            let bench = try await Bench.make(engine)
            try await decodeBreakdown(bench, rounds: numbers.first ?? 201)
            await bench.shutdown()
        }
        exit(0)
    } catch {
        print("driver-benchmark: \(error)")
        exit(1)
    }
}

if let only {
    do {
        try await runOnly(only)
        exit(0)
    } catch {
        print("driver-benchmark: \(error)")
        exit(1)
    }
}

let passed = await report(
    engines: [.postgresql, .mysql], readRounds: readRounds, insertRounds: insertRounds,
    where: "through the local endpoint", make: Bench.make)
exit(passed ? 0 : 1)
