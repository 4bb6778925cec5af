// swift-tools-version: 6.1
// The decode benchmark as a user's app sees it: a package of its own that depends on aurora-data by path, built in
// release, with its record types and its `decode` calls in its own targets, which reach the library's code across
// packages as a user's code does:
//
//   cd Benchmarks/ConsumerBenchmark && swift run -c release consumer-benchmark [rounds]
//
// - PlainConsumer depends on AuroraDataAPIModel only (what AuroraDataAPI re-exports; without the HTTP client, so
//   that the release build stays short): a plain `Decodable` struct.
// - RecordsConsumer depends on AuroraDataAPIRecords too: the same plain struct, and one with `@DataAPIRecord`.
// - ConsumerFixture is the in-package decode benchmark's data generator and timing (the folder links to
//   Benchmarks/DecodeBenchmarkSupport), so that both benchmarks decode the same bytes.
// Its scratch path is its own `.build` (git-ignored). scripts/test.sh builds it and checks its values
// (`consumer-benchmark --check`), without timing anything.
import PackageDescription

let package = Package(
    name: "ConsumerBenchmark",
    dependencies: [.package(name: "aurora-data", path: "../..")],
    targets: [
        .target(name: "PlainConsumer", dependencies: [.product(name: "AuroraDataAPIModel", package: "aurora-data")]),
        .target(
            name: "RecordsConsumer",
            dependencies: [
                .product(name: "AuroraDataAPIModel", package: "aurora-data"),
                .product(name: "AuroraDataAPIRecords", package: "aurora-data"),
            ]
        ),
        .target(name: "ConsumerFixture", dependencies: [.product(name: "AuroraDataAPIModel", package: "aurora-data")]),
        .executableTarget(
            name: "consumer-benchmark", dependencies: ["PlainConsumer", "RecordsConsumer", "ConsumerFixture"]),
    ]
)
