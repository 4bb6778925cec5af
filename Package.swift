// swift-tools-version: 6.1
import CompilerPluginSupport
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

// Linux only: the database drivers link the system's libpq and libmariadb (apt packages), the throwaway servers run
// Debian's PostgreSQL and MariaDB binaries, and process spawning closes descriptors the Linux way (close_range,
// /proc/self/fd). No other platform is built or tested, so none is declared.
let package = Package(
    name: "aurora-data",
    products: [
        .library(name: "AuroraSigV4", targets: ["AuroraSigV4"]),
        .library(name: "AuroraDataAPI", targets: ["AuroraDataAPI"]),
        /// The Data API's shapes, response parser and record decoder alone (`import AuroraDataAPIModel`; AuroraDataAPI
        /// re-exports it): no HTTP client, no dependencies.
        .library(name: "AuroraDataAPIModel", targets: ["AuroraDataAPIModel"]),
        .library(name: "AuroraMigrate", targets: ["AuroraMigrate"]),
        /// `@DataAPIRecord` (`import AuroraDataAPIRecords`): writes a struct's `RecordDecodable` conformance.
        .library(name: "AuroraDataAPIRecords", targets: ["AuroraDataAPIRecords"]),
        /// The local endpoint (`import AuroraDataLocal`) and the throwaway servers it usually runs on
        /// (`import AuroraDatabaseServers`); both re-export the drivers.
        .library(name: "AuroraDataLocal", targets: ["AuroraDataLocal", "AuroraDatabaseServers"]),
        /// SQLKit over the Data API (`import AuroraSQLKit`): an `SQLDatabase` with a dialect per engine.
        .library(name: "AuroraSQLKit", targets: ["AuroraSQLKit"]),
        /// A FluentKit driver over the Data API (`import AuroraFluent`): `.auroraDataAPI(client:engine:)`.
        .library(name: "AuroraFluent", targets: ["AuroraFluent"]),
        .executable(name: "aurora-data", targets: ["aurora-data"]),
        .executable(name: "aurora-data-local", targets: ["aurora-data-local"]),
        .executable(name: "bootstrap", targets: ["bootstrap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // Hummingbird's own lifecycle package: the local endpoint stops through its graceful shutdown.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        // Only the `@DataAPIRecord` macro (and its tests and the decode benchmark) build swift-syntax; the shipped
        // executables do not depend on it.
        .package(url: "https://github.com/swiftlang/swift-syntax", "600.0.0"..<"604.0.0"),
        // The documentation build only (`swift package generate-documentation`, scripts/check-docs.sh): a command
        // plugin that no target uses, so no product links it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // AuroraSQLKit and AuroraFluent only (and their tests and benchmark); no shipped executable depends on them.
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/fluent-kit", from: "1.57.0"),
    ],
    targets: [
        // Layers, each depending only on the ones above it (README, "Architecture"):
        // signer -> AWS credentials and transport -> client -> migrations -> CLI commands;
        // Lambda runtime -> Lambda handlers; drivers -> throwaway servers, drivers -> local endpoint.

        // MARK: Leaf modules
        /// AWS Signature Version 4 signing and verification. Depends only on swift-crypto.
        .target(
            name: "AuroraSigV4",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        /// Data API shapes, the Field union, errors and fast typed-record decoding. No dependencies.
        .target(name: "AuroraDataAPIModel", swiftSettings: swiftSettings),
        /// The compiler plugin behind `@DataAPIRecord`: reads a struct's stored properties (and its CodingKeys) from
        /// syntax and writes the `RecordDecodable` conformance. Depends only on swift-syntax.
        .macro(
            name: "AuroraRecordMacros",
            dependencies: [
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftSyntaxBuilder", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
                .product(name: "SwiftDiagnostics", package: "swift-syntax"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The `@DataAPIRecord` macro declaration; re-exports the model. Kept out of the CLI and Lambda executables.
        .target(
            name: "AuroraDataAPIRecords",
            dependencies: ["AuroraDataAPIModel", "AuroraRecordMacros"],
            swiftSettings: swiftSettings
        ),
        /// Dialect-aware SQL lexing: statement splitting and `:name` parameter discovery. No dependencies.
        .target(name: "AuroraSQL", swiftSettings: swiftSettings),

        /// The C half of AuroraProcess: spawning a child that inherits no descriptor but its standard streams.
        .target(name: "CAuroraSpawn"),
        /// Starting, waiting for and stopping child processes without leaking descriptors into them. Depends only
        /// on CAuroraSpawn (no Foundation, no NIO): used by the credentials chain and the throwaway servers.
        .target(name: "AuroraProcess", dependencies: ["CAuroraSpawn"], swiftSettings: swiftSettings),

        // MARK: Client
        /// Credentials chain, region and endpoint resolution, and the HTTP transport.
        .target(
            name: "AuroraAWS",
            dependencies: [
                "AuroraSigV4", "AuroraProcess",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
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
                "AuroraDataAPI", "AuroraDataAPIModel", "AuroraSQL",
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
                "AuroraAWS", "AuroraDataAPI", "AuroraDataAPIModel", "AuroraMigrate", "AuroraSQL", "AuroraBuildInfo",
                "AuroraMain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The synchronous entry point shared by the shipped executables (`aurora-data`, `bootstrap`).
        .target(
            name: "AuroraMain", dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings),
        /// `aurora-data`, also the Lambda runtime when started under the name `bootstrap` (the package's `bootstrap` is
        /// a copy of it: one release link for both); the CLI's commands do not depend on the Lambda modules.
        .executableTarget(
            name: "aurora-data",
            dependencies: ["AuroraDataCommands", "AuroraLambdaMain", "AuroraMain"],
            swiftSettings: swiftSettings
        ),

        // MARK: SQLKit and Fluent (library products only: no shipped executable depends on them)
        /// An SQLKit `SQLDatabase` over `DataAPIClient`: a dialect per engine, binds as typed named parameters, rows
        /// as `SQLRow`s over the Data API's fields, sessions and transactions as Data API transactions.
        .target(
            name: "AuroraSQLKit",
            dependencies: [
                "AuroraDataAPI", "AuroraDataAPIModel", "AuroraSQL",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        /// A FluentKit driver over AuroraSQLKit: `.auroraDataAPI(client:engine:)`, schema, enums, transactions,
        /// and `DatabaseError` for the Data API's database errors.
        .target(
            name: "AuroraFluent",
            dependencies: [
                "AuroraSQLKit", "AuroraDataAPI", "AuroraDataAPIModel",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
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
        /// The Lambda runtime's entry point, shared by `bootstrap` and `aurora-data` (run under the name `bootstrap`).
        .target(
            name: "AuroraLambdaMain",
            dependencies: [
                "AuroraLambdaHandlers", "AuroraLambdaRuntime", "AuroraAWS", "AuroraMain", "AuroraBuildInfo",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The one executable of every function; `_HANDLER` picks the handler (the same code as `aurora-data` run as
        /// `bootstrap`, which is what the Lambda package holds; this target serves `swift run` and the debug tests).
        .executableTarget(
            name: "bootstrap",
            dependencies: ["AuroraLambdaMain", "AuroraMain"],
            swiftSettings: swiftSettings
        ),

        // MARK: Local endpoint
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CMariaDB", pkgConfig: "libmariadb", providers: [.apt(["libmariadb-dev"])]),
        /// PostgreSQL (libpq) and MySQL/MariaDB (libmariadb) connections, statements, value conversion and
        /// failures, in the Data API's terms. Depends on the model, AuroraSQL and the C client libraries only.
        .target(
            name: "AuroraDatabaseDrivers",
            dependencies: ["AuroraDataAPIModel", "AuroraSQL", "CLibPQ", "CMariaDB"],
            swiftSettings: swiftSettings
        ),
        /// Where a database server is (URLs) and throwaway servers: data directory, installed binaries, free
        /// loopback port, unprivileged user, watchdog. Depends on the drivers and AuroraProcess; no HTTP.
        .target(
            name: "AuroraDatabaseServers",
            dependencies: ["AuroraDatabaseDrivers", "AuroraDataAPIModel", "AuroraProcess"],
            swiftSettings: swiftSettings
        ),
        /// The local Data API endpoint (emulator) on any backend of the drivers. Depends on the drivers, the model,
        /// AuroraSQL, AuroraSigV4 (to verify), Hummingbird and swift-log; not on the servers or the client.
        .target(
            name: "AuroraDataLocal",
            dependencies: [
                "AuroraDatabaseDrivers", "AuroraDataAPIModel", "AuroraSQL", "AuroraSigV4",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "aurora-data-local",
            dependencies: [
                "AuroraDataLocal", "AuroraDatabaseServers", "AuroraDatabaseDrivers", "AuroraDataAPIModel", "AuroraSigV4",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Test support and tests
        /// Test helpers with no database: a scripted HTTP server on 127.0.0.1, a fake Lambda Runtime API, the built
        /// `bootstrap` as a child process, blocking work off the cooperative pool.
        .target(
            name: "AuroraTestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/AuroraTestSupport",
            swiftSettings: swiftSettings
        ),
        /// Throwaway PostgreSQL and MariaDB servers shared by the tests of a process.
        .target(
            name: "AuroraDatabaseTestSupport",
            dependencies: ["AuroraDatabaseServers", "AuroraDatabaseDrivers"],
            path: "Tests/AuroraDatabaseTestSupport",
            swiftSettings: swiftSettings
        ),
        /// A local endpoint per engine shared by the tests of a process, with a client pointed at it.
        .target(
            name: "AuroraDataLocalTestSupport",
            dependencies: [
                "AuroraDataLocal", "AuroraDatabaseServers", "AuroraDatabaseDrivers", "AuroraDataAPI",
                "AuroraDataAPIModel", "AuroraAWS", "AuroraSigV4",
            ],
            path: "Tests/AuroraDataLocalTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "AuroraSigV4Tests", dependencies: ["AuroraSigV4", "AuroraTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AuroraDataAPIModelTests", dependencies: ["AuroraDataAPIModel", "AuroraDataAPIRecords"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "AuroraRecordMacrosTests",
            dependencies: [
                "AuroraRecordMacros",
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacroExpansion", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacrosGenericTestSupport", package: "swift-syntax"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuroraSQLTests",
            dependencies: [
                "AuroraSQL", "AuroraDataAPIModel", "AuroraDatabaseDrivers", "AuroraDatabaseTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "AuroraProcessTests", dependencies: ["AuroraProcess"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AuroraAWSTests",
            dependencies: [
                "AuroraAWS", "AuroraSigV4", "AuroraTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuroraDataAPITests",
            dependencies: [
                "AuroraDataAPI", "AuroraDataAPIModel", "AuroraAWS", "AuroraSigV4", "AuroraDatabaseDrivers",
                "AuroraTestSupport", "AuroraDataLocalTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuroraMigrateTests",
            dependencies: [
                "AuroraMigrate", "AuroraDataAPI", "AuroraDataAPIModel", "AuroraAWS", "AuroraSigV4", "AuroraDataLocal",
                "AuroraDatabaseServers", "AuroraDatabaseDrivers", "AuroraDataLocalTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuroraDatabaseDriversTests",
            dependencies: [
                "AuroraDatabaseDrivers", "AuroraDataAPIModel", "AuroraDatabaseServers", "AuroraDatabaseTestSupport",
                "AuroraTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuroraDatabaseServersTests",
            dependencies: ["AuroraDatabaseServers", "AuroraDatabaseDrivers", "AuroraDataAPIModel", "AuroraDatabaseTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuroraDataLocalTests",
            dependencies: [
                "AuroraDataLocal", "AuroraDatabaseDrivers", "AuroraDatabaseServers", "AuroraDataAPI", "AuroraDataAPIModel",
                "AuroraAWS", "AuroraSigV4", "AuroraDatabaseTestSupport", "AuroraDataLocalTestSupport", "AuroraProcess",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuroraLambdaTests",
            dependencies: [
                "AuroraLambdaHandlers", "AuroraLambdaMain", "AuroraLambdaRuntime", "AuroraMigrate", "AuroraDataAPI",
                "AuroraDataLocal",
                "AuroraDatabaseDrivers", "AuroraAWS", "AuroraSigV4", "AuroraTestSupport", "AuroraDataLocalTestSupport",
                "AuroraBuildInfo",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuroraDataCommandsTests",
            dependencies: [
                "AuroraDataCommands", "AuroraDataAPIModel", "AuroraDatabaseDrivers", "AuroraSigV4", "AuroraTestSupport",
                "AuroraDataLocalTestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        /// SQLKit's and Fluent's own driver benchmarks (XCTest, as they are written) and our own tests of both
        /// drivers, against the local endpoint on PostgreSQL and MariaDB.
        .testTarget(
            name: "AuroraFluentTests",
            dependencies: [
                "AuroraSQLKit", "AuroraFluent", "AuroraDataAPI", "AuroraDataAPIModel", "AuroraDatabaseDrivers",
                "AuroraDataLocalTestSupport", "AuroraAWS",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLKitBenchmark", package: "sql-kit"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentBenchmark", package: "fluent-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
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
        /// The decode benchmarks' generated responses and timing, shared with Benchmarks/ConsumerBenchmark.
        .target(
            name: "DecodeBenchmarkSupport",
            dependencies: ["AuroraDataAPIModel"],
            path: "Benchmarks/DecodeBenchmarkSupport",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "decode-benchmark",
            dependencies: ["AuroraDataAPIModel", "AuroraDataAPIRecords", "DecodeBenchmarkSupport"],
            path: "Benchmarks/DecodeBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "local-load-benchmark",
            dependencies: ["AuroraDataAPI", "AuroraDataAPIModel", "AuroraDatabaseDrivers", "AuroraDataLocalTestSupport"],
            path: "Benchmarks/LocalLoadBenchmark",
            swiftSettings: swiftSettings
        ),
        /// Fluent, SQLKit and `client.query` side by side on the local endpoint: 1,000 rows read, 1,000 inserts.
        .executableTarget(
            name: "driver-benchmark",
            dependencies: [
                "AuroraSQLKit", "AuroraFluent", "AuroraDataAPI", "AuroraDataAPIModel", "AuroraDatabaseDrivers",
                "AuroraDataLocalTestSupport",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/DriverBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "lambda-benchmark",
            dependencies: [
                "AuroraLambdaRuntime", "AuroraAWS", "AuroraDataAPI", "AuroraDatabaseDrivers", "AuroraMigrate",
                "AuroraSigV4", "AuroraTestSupport", "AuroraDataLocalTestSupport",
            ],
            path: "Benchmarks/LambdaBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "migrate-benchmark",
            dependencies: [
                "AuroraMigrate", "AuroraAWS", "AuroraDataAPI", "AuroraDatabaseDrivers", "AuroraDataLocalTestSupport",
            ],
            path: "Benchmarks/MigrateBenchmark",
            swiftSettings: swiftSettings
        ),
    ]
)
