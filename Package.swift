// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "aurora-data",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "AuroraSigV4", targets: ["AuroraSigV4"]),
        .library(name: "AuroraDataAPI", targets: ["AuroraDataAPI"]),
        .library(name: "AuroraMigrate", targets: ["AuroraMigrate"]),
        .library(name: "AuroraDataLocal", targets: ["AuroraDataLocal"]),
        .executable(name: "aurora-data", targets: ["aurora-data"]),
        .executable(name: "aurora-data-local", targets: ["aurora-data-local"]),
        .executable(name: "bootstrap", targets: ["bootstrap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        // MARK: Leaf modules
        /// AWS Signature Version 4: depends only on swift-crypto.
        .target(
            name: "AuroraSigV4",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        /// Data API shapes, the Field union, errors and fast typed-record decoding. No dependencies.
        .target(name: "AuroraDataAPIModel", swiftSettings: swiftSettings),
        /// Dialect-aware SQL lexing: statement splitting and `:name` parameter discovery. No dependencies.
        .target(name: "AuroraSQL", swiftSettings: swiftSettings),

        /// One C helper for spawning child processes without leaking the parent's descriptors.
        .target(name: "CAuroraSpawn"),

        // MARK: Client
        /// Credentials chain, region and endpoint resolution, and the HTTP transport.
        .target(
            name: "AuroraAWS",
            dependencies: [
                "AuroraSigV4", "CAuroraSpawn",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The typed RDS Data API client.
        .target(
            name: "AuroraDataAPI",
            dependencies: [
                "AuroraAWS", "AuroraDataAPIModel", "AuroraSigV4",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        /// Versioned schema migrations through the Data API.
        .target(
            name: "AuroraMigrate",
            dependencies: [
                "AuroraDataAPI", "AuroraSQL",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The version and the commit the executables were built from (the commit is written at build time by
        /// the BuildInfo plugin, see scripts/build-info.sh).
        .target(name: "AuroraBuildInfo", swiftSettings: swiftSettings, plugins: ["BuildInfo"]),
        .plugin(name: "BuildInfo", capability: .buildTool()),
        /// The commands of the `aurora-data` executable.
        .target(
            name: "AuroraDataCommands",
            dependencies: [
                "AuroraDataAPI", "AuroraMigrate", "AuroraBuildInfo", "AuroraMain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The synchronous entry point shared by the shipped executables (`aurora-data`, `bootstrap`).
        .target(
            name: "AuroraMain", dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "aurora-data",
            dependencies: ["AuroraDataCommands", "AuroraMain"],
            swiftSettings: swiftSettings
        ),

        // MARK: Lambda
        /// A custom Lambda runtime (`provided.al2023`): the Runtime API loop, invocation context and logging.
        .target(
            name: "AuroraLambdaRuntime",
            dependencies: ["AuroraAWS", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        /// The Lambda functions: the schema-migration custom resource and the posts API.
        .target(
            name: "AuroraLambdaHandlers",
            dependencies: [
                "AuroraLambdaRuntime", "AuroraDataAPI", "AuroraMigrate", "AuroraAWS",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The one executable of every function; `_HANDLER` picks the handler.
        .executableTarget(
            name: "bootstrap",
            dependencies: ["AuroraLambdaHandlers", "AuroraLambdaRuntime", "AuroraAWS", "AuroraMain"],
            swiftSettings: swiftSettings
        ),

        // MARK: Local endpoint
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CMariaDB", pkgConfig: "libmariadb", providers: [.apt(["libmariadb-dev"])]),
        /// A Data API endpoint on a real PostgreSQL or MySQL/MariaDB.
        .target(
            name: "AuroraDataLocal",
            dependencies: [
                "AuroraSigV4", "AuroraDataAPIModel", "AuroraSQL", "CLibPQ", "CMariaDB", "CAuroraSpawn",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "aurora-data-local",
            dependencies: [
                "AuroraDataLocal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Test support and tests
        /// A scripted HTTP server on 127.0.0.1 and helpers shared by the test targets.
        .target(
            name: "AuroraTestSupport",
            dependencies: [
                "AuroraDataLocal", "AuroraDataAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/AuroraTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "AuroraSigV4Tests", dependencies: ["AuroraSigV4", "AuroraTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "AuroraDataAPIModelTests", dependencies: ["AuroraDataAPIModel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AuroraSQLTests",
            dependencies: ["AuroraSQL", "AuroraDataAPIModel", "AuroraDataLocal", "AuroraTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "AuroraAWSTests", dependencies: ["AuroraAWS", "AuroraTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AuroraDataAPITests",
            dependencies: ["AuroraDataAPI", "AuroraTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuroraMigrateTests",
            dependencies: ["AuroraMigrate", "AuroraTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuroraDataLocalTests",
            dependencies: ["AuroraDataLocal", "AuroraDataAPI", "AuroraTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuroraLambdaTests",
            dependencies: [
                "AuroraLambdaHandlers", "AuroraLambdaRuntime", "AuroraTestSupport", "AuroraMigrate", "AuroraDataAPI",
                "AuroraDataLocal", "AuroraAWS", "AuroraSigV4", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuroraDataCommandsTests",
            dependencies: ["AuroraDataCommands", "AuroraTestSupport"],
            swiftSettings: swiftSettings
        ),

        // MARK: Benchmarks (plain executables that print their figures; run with -c release)
        .executableTarget(
            name: "sigv4-benchmark",
            dependencies: ["AuroraSigV4", .product(name: "Crypto", package: "swift-crypto")],
            path: "Benchmarks/SigV4Benchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sql-split-benchmark",
            dependencies: ["AuroraSQL"],
            path: "Benchmarks/SQLSplitBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "decode-benchmark",
            dependencies: ["AuroraDataAPIModel"],
            path: "Benchmarks/DecodeBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "local-load-benchmark",
            dependencies: ["AuroraDataAPI", "AuroraTestSupport"],
            path: "Benchmarks/LocalLoadBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "lambda-benchmark",
            dependencies: [
                "AuroraLambdaRuntime", "AuroraAWS", "AuroraDataAPI", "AuroraDataLocal", "AuroraMigrate", "AuroraSigV4",
                "AuroraTestSupport",
            ],
            path: "Benchmarks/LambdaBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "migrate-benchmark",
            dependencies: ["AuroraMigrate", "AuroraTestSupport"],
            path: "Benchmarks/MigrateBenchmark",
            swiftSettings: swiftSettings
        ),
    ]
)
