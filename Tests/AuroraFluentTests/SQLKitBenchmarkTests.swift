import AuroraSQLKit
import SQLKitBenchmark
import XCTest

/// SQLKit's own driver benchmark (`SQLBenchmarker.runAllTests()`: planets, codable, enums, upserts, unions, JSON
/// paths) against the local endpoint. It is written with XCTest assertions, so these tests are XCTest cases.
final class SQLKitBenchmarkTests: XCTestCase {
    func testAllOnPostgreSQL() async throws {
        let fixture = try await DriverFixture.make(.postgresql, prefix: "sqlkit_bench")
        try await SQLBenchmarker(on: fixture.sql).runAllTests()
    }

    func testAllOnMySQL() async throws {
        let fixture = try await DriverFixture.make(.mysql, prefix: "sqlkit_bench")
        try await SQLBenchmarker(on: fixture.sql).runAllTests()
    }
}
