// swift-tools-version: 6.1
// The driver benchmark's reads as a user's app sees them: a package of its own that depends on aurora-data by path,
// built in release, talking to an `aurora-data-local` process over loopback. It runs the same reads and inserts
// (Sources/driver-consumer/Bench.swift and BenchRow.swift link to the in-package benchmark's files) through
// `client.query`, SQLKit, Fluent and Fluent with a model that lists its properties, interleaved, every value checked:
//
//   bash scripts/bench-driver-consumer.sh      (builds the endpoint and this package, runs both engines)
//
// Its scratch path is its own `.build` (git-ignored). CI does not build it: its code paths are those of
// `driver-benchmark`, which CI builds, and a release build of fluent-kit and the HTTP client here adds minutes.
import PackageDescription

let package = Package(
    name: "DriverConsumer",
    dependencies: [
        .package(name: "aurora-data", path: "../.."),
        .package(url: "https://github.com/vapor/fluent-kit", from: "1.57.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "driver-consumer",
            dependencies: [
                .product(name: "AuroraDataAPI", package: "aurora-data"),
                .product(name: "AuroraSQLKit", package: "aurora-data"),
                .product(name: "AuroraFluent", package: "aurora-data"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        )
    ]
)
