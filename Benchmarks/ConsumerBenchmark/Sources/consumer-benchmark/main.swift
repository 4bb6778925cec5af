// consumer-benchmark: decode speed as a package that depends on aurora-data sees it (see Package.swift).
//
// Run (in release): cd Benchmarks/ConsumerBenchmark && swift run -c release consumer-benchmark [rounds]
//
// Decodes the in-package benchmark's ~1 MiB ExecuteStatement response (production-like text, DECIMAL, TIMESTAMP,
// NULLs) with `ExecuteStatementResponse(json:).decode(_:options:)` and `.convertFromSnakeCase`, and prints the
// median time per MiB of, side by side:
//   plain struct, in a target without AuroraDataAPIRecords
//   plain struct, in a target with AuroraDataAPIRecords
//   @DataAPIRecord struct, in that target
//   Python's json.loads on the same bytes (timed by Python, in a python3 process started once)
// The four run in interleaved rounds (each round runs each once, in a random order), so that a busy machine slows
// them alike and their ratios hold; the absolute figures still move with the load.
// First the three are checked to give the generated values: `--check` does only that (scripts/test.sh).
// `--only plain|records-plain|records`: one loop alone, for a profiler (valgrind --tool=callgrind, perf).
import AuroraDataAPIModel
import ConsumerFixture
import Foundation
import PlainConsumer
import RecordsConsumer

let arguments = Array(CommandLine.arguments.dropFirst())
let rounds = arguments.first.flatMap { Int($0) } ?? 101
let only = arguments.firstIndex(of: "--only").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }

let (rows, json) = DecodeFixture.response()

// MARK: - Values: every path gives the generated rows

/// The generated row as the struct's values, compared field by field.
func check(_ index: Int, _ values: (Int64, String, String, Decimal, Date, Bool, Double, String?), path: String) {
    let row = rows[index]
    guard case .long(let id) = row[0], case .string(let name) = row[1], case .string(let description) = row[2],
        case .string(let price) = row[3], case .string(let createdAt) = row[4], case .bool(let active) = row[5],
        case .double(let score) = row[6]
    else { fatalError("the generator's row \(index) has an unexpected shape") }
    let note: String? = if case .string(let text) = row[7] { text } else { nil }
    guard values.0 == id, values.1 == name, values.2 == description,
        values.3 == Decimal(string: price, locale: Locale(identifier: "en_US_POSIX")),
        values.4 == DataAPIDateTime.parseTimestamp(createdAt), values.5 == active, values.6 == score,
        values.7 == note
    else { fatalError("\(path): row \(index) decodes to \(values), generated \(row)") }
}

let plain = try decodePlainProducts(json)
let recordsPlain = try decodeProducts(json)
let records = try decodeRecordProducts(json)
for (path, count) in [("plain", plain.count), ("records-plain", recordsPlain.count), ("records", records.count)]
where count != rows.count {
    fatalError("\(path): \(count) rows decoded, \(rows.count) generated")
}
for index in rows.indices {
    let a = plain[index], b = recordsPlain[index], c = records[index]
    check(index, (a.id, a.name, a.description, a.price, a.createdAt, a.active, a.score, a.note), path: "plain")
    check(index, (b.id, b.name, b.description, b.price, b.createdAt, b.active, b.score, b.note), path: "records-plain")
    check(index, (c.id, c.name, c.description, c.price, c.createdAt, c.active, c.score, c.note), path: "records")
}
if arguments.contains("--check") {
    print("consumer-benchmark: \(rows.count) rows decode to the generated values on all three paths")
    exit(0)
}

// MARK: - Timing

var checksum = 0
let loops: [(key: String, name: String, body: () throws -> Int)] = [
    ("plain", "plain struct, without AuroraDataAPIRecords", { try decodePlainProducts(json).count }),
    ("records-plain", "plain struct, with AuroraDataAPIRecords", { try decodeProducts(json).count }),
    ("records", "@DataAPIRecord struct", { try decodeRecordProducts(json).count }),
]
if let only {
    guard let loop = loops.first(where: { $0.key == only }) else {
        fatalError("--only takes one of: \(loops.map(\.key).joined(separator: ", "))")
    }
    let time = try DecodeTiming.measure(repetitions: rounds, checksum: &checksum, loop.body)
    print(DecodeTiming.line(loop.name, bytes: json.count, median: time.median, best: time.best, runs: rounds))
    exit(0)
}

print("consumer-benchmark: \(rows.count) rows x 8 columns, \(json.count) bytes of ExecuteStatement response, decoded with")
print("ExecuteStatementResponse(json:).decode(_:options:) and .convertFromSnakeCase by a package that depends on aurora-data;")
print("\(rounds) interleaved rounds (json.loads too); times per MiB of response JSON")
let python = PythonJSONLoads(json)
var times = [[Double]](repeating: [], count: loops.count + 1)
for loop in loops { checksum &+= try loop.body() }  // warm-up
for _ in 0..<rounds {
    for index in (0...loops.count).shuffled() {
        if index < loops.count {
            times[index].append(try DecodeTiming.measure(repetitions: 1, checksum: &checksum, loops[index].body).best)
        } else if let time = python?.time() {
            times[index].append(time)
        }
    }
}
let names = loops.map(\.name) + ["Python json.loads"]
var medians: [Double] = []
for (index, name) in names.enumerated() where !times[index].isEmpty {
    let sorted = times[index].sorted()
    print(DecodeTiming.line(name, bytes: json.count, median: sorted[sorted.count / 2], best: sorted[0], runs: sorted.count))
    medians.append(sorted[sorted.count / 2])
}
let perMiB = { (milliseconds: Double) in milliseconds / (Double(json.count) / Double(DecodeFixture.mebibyte)) }
print(String(
    format: "AuroraDataAPIRecords in the target: the plain struct %+.1f%% (target within 5%%); @DataAPIRecord %.2f ms/MiB (target 3)",
    (medians[1] / medians[0] - 1) * 100, perMiB(medians[2])))
if medians.count > loops.count {
    print(String(
        format: "faster than json.loads: plain %.2fx, plain with AuroraDataAPIRecords %.2fx, @DataAPIRecord %.2fx",
        medians[3] / medians[0], medians[3] / medians[1], medians[3] / medians[2]))
} else {
    print("python3 is not available: no json.loads figure")
}
print("(checksum \(checksum))")
