// driver-consumer: the driver benchmark (Bench.swift, BenchRow.swift: links to Benchmarks/DriverBenchmark) from a
// package of its own, against an `aurora-data-local` process. The clients come from the environment as in a user's
// app (AWS_ENDPOINT_URL_RDS_DATA, the local key pair, AWS_REGION), one cluster per engine:
//   DRIVER_BENCH_POSTGRESQL=<resource ARN>,<secret ARN>    DRIVER_BENCH_MYSQL=<resource ARN>,<secret ARN>
// scripts/bench-driver-consumer.sh starts the endpoint and sets them.
//
//   driver-consumer [read-rounds] [insert-rounds]      (default 31 and 5)
import AuroraDataAPI
import AuroraSQLKit
import Foundation

let numbers = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let environment = ProcessInfo.processInfo.environment
let clusters: [(AuroraSQLEngine, resourceArn: String, secretArn: String)] = AuroraSQLEngine.allCases.compactMap { engine in
    let arns = environment["DRIVER_BENCH_\(engine.rawValue.uppercased())"]?.split(separator: ",").map(String.init) ?? []
    return arns.count == 2 ? (engine, arns[0], arns[1]) : nil
}
guard !clusters.isEmpty else {
    print("driver-consumer: set DRIVER_BENCH_POSTGRESQL and/or DRIVER_BENCH_MYSQL to '<resource ARN>,<secret ARN>'")
    exit(2)
}
let passed = await report(
    engines: clusters.map(\.0), readRounds: numbers.first ?? 31, insertRounds: numbers.dropFirst().first ?? 5,
    where: "from a package of its own, through an aurora-data-local process"
) { engine in
    let cluster = clusters.first { $0.0 == engine }!
    let client = try DataAPIClient.fromEnvironment(
        resourceArn: cluster.resourceArn, secretArn: cluster.secretArn, database: "aurora")
    return try await Bench.make(engine, client: client)
}
exit(passed ? 0 : 1)
