import AuroraFluent
import FluentBenchmark
import NIOPosix
import XCTest

/// Fluent's own driver benchmark, every one of its 32 test groups (`FluentBenchmarker.testAll()` calls the same
/// list), on both engines against the local endpoint. The groups block on futures (`wait()`), so the tests are
/// synchronous XCTest cases: they block the test thread, never a thread of the Swift task pool the driver runs on.
///
/// No group is skipped or changed: each one runs here as FluentKit wrote it.
final class FluentBenchmarkTests: XCTestCase {
    func testAggregateOnPostgreSQL() throws { try run(.postgresql) { try $0.testAggregate() } }
    func testAggregateOnMySQL() throws { try run(.mysql) { try $0.testAggregate() } }
    func testArrayOnPostgreSQL() throws { try run(.postgresql) { try $0.testArray() } }
    func testArrayOnMySQL() throws { try run(.mysql) { try $0.testArray() } }
    func testBatchOnPostgreSQL() throws { try run(.postgresql) { try $0.testBatch() } }
    func testBatchOnMySQL() throws { try run(.mysql) { try $0.testBatch() } }
    func testChildOnPostgreSQL() throws { try run(.postgresql) { try $0.testChild() } }
    func testChildOnMySQL() throws { try run(.mysql) { try $0.testChild() } }
    func testChildrenOnPostgreSQL() throws { try run(.postgresql) { try $0.testChildren() } }
    func testChildrenOnMySQL() throws { try run(.mysql) { try $0.testChildren() } }
    func testChunkOnPostgreSQL() throws { try run(.postgresql) { try $0.testChunk() } }
    func testChunkOnMySQL() throws { try run(.mysql) { try $0.testChunk() } }
    func testCodableOnPostgreSQL() throws { try run(.postgresql) { try $0.testCodable() } }
    func testCodableOnMySQL() throws { try run(.mysql) { try $0.testCodable() } }
    func testCompositeIDOnPostgreSQL() throws { try run(.postgresql) { try $0.testCompositeID() } }
    func testCompositeIDOnMySQL() throws { try run(.mysql) { try $0.testCompositeID() } }
    func testCRUDOnPostgreSQL() throws { try run(.postgresql) { try $0.testCRUD() } }
    func testCRUDOnMySQL() throws { try run(.mysql) { try $0.testCRUD() } }
    func testEagerLoadOnPostgreSQL() throws { try run(.postgresql) { try $0.testEagerLoad() } }
    func testEagerLoadOnMySQL() throws { try run(.mysql) { try $0.testEagerLoad() } }
    func testEnumOnPostgreSQL() throws { try run(.postgresql) { try $0.testEnum() } }
    func testEnumOnMySQL() throws { try run(.mysql) { try $0.testEnum() } }
    func testFilterOnPostgreSQL() throws { try run(.postgresql) { try $0.testFilter() } }
    func testFilterOnMySQL() throws { try run(.mysql) { try $0.testFilter() } }
    func testGroupOnPostgreSQL() throws { try run(.postgresql) { try $0.testGroup() } }
    func testGroupOnMySQL() throws { try run(.mysql) { try $0.testGroup() } }
    func testIDOnPostgreSQL() throws { try run(.postgresql) { try $0.testID() } }
    func testIDOnMySQL() throws { try run(.mysql) { try $0.testID() } }
    func testJoinOnPostgreSQL() throws { try run(.postgresql) { try $0.testJoin() } }
    func testJoinOnMySQL() throws { try run(.mysql) { try $0.testJoin() } }
    func testMiddlewareOnPostgreSQL() throws { try run(.postgresql) { try $0.testMiddleware() } }
    func testMiddlewareOnMySQL() throws { try run(.mysql) { try $0.testMiddleware() } }
    func testMigratorOnPostgreSQL() throws { try run(.postgresql) { try $0.testMigrator() } }
    func testMigratorOnMySQL() throws { try run(.mysql) { try $0.testMigrator() } }
    func testModelOnPostgreSQL() throws { try run(.postgresql) { try $0.testModel() } }
    func testModelOnMySQL() throws { try run(.mysql) { try $0.testModel() } }
    func testOptionalParentOnPostgreSQL() throws { try run(.postgresql) { try $0.testOptionalParent() } }
    func testOptionalParentOnMySQL() throws { try run(.mysql) { try $0.testOptionalParent() } }
    func testPaginationOnPostgreSQL() throws { try run(.postgresql) { try $0.testPagination() } }
    func testPaginationOnMySQL() throws { try run(.mysql) { try $0.testPagination() } }
    func testParentOnPostgreSQL() throws { try run(.postgresql) { try $0.testParent() } }
    func testParentOnMySQL() throws { try run(.mysql) { try $0.testParent() } }
    func testPerformanceOnPostgreSQL() throws { try run(.postgresql) { try $0.testPerformance() } }
    func testPerformanceOnMySQL() throws { try run(.mysql) { try $0.testPerformance() } }
    func testRangeOnPostgreSQL() throws { try run(.postgresql) { try $0.testRange() } }
    func testRangeOnMySQL() throws { try run(.mysql) { try $0.testRange() } }
    func testSchemaOnPostgreSQL() throws { try run(.postgresql) { try $0.testSchema() } }
    func testSchemaOnMySQL() throws { try run(.mysql) { try $0.testSchema() } }
    func testSetOnPostgreSQL() throws { try run(.postgresql) { try $0.testSet() } }
    func testSetOnMySQL() throws { try run(.mysql) { try $0.testSet() } }
    func testSiblingsOnPostgreSQL() throws { try run(.postgresql) { try $0.testSiblings() } }
    func testSiblingsOnMySQL() throws { try run(.mysql) { try $0.testSiblings() } }
    func testSoftDeleteOnPostgreSQL() throws { try run(.postgresql) { try $0.testSoftDelete() } }
    func testSoftDeleteOnMySQL() throws { try run(.mysql) { try $0.testSoftDelete() } }
    func testSortOnPostgreSQL() throws { try run(.postgresql) { try $0.testSort() } }
    func testSortOnMySQL() throws { try run(.mysql) { try $0.testSort() } }
    func testSQLOnPostgreSQL() throws { try run(.postgresql) { try $0.testSQL() } }
    func testSQLOnMySQL() throws { try run(.mysql) { try $0.testSQL() } }
    func testTimestampOnPostgreSQL() throws { try run(.postgresql) { try $0.testTimestamp() } }
    func testTimestampOnMySQL() throws { try run(.mysql) { try $0.testTimestamp() } }
    func testTransactionOnPostgreSQL() throws { try run(.postgresql) { try $0.testTransaction() } }
    func testTransactionOnMySQL() throws { try run(.mysql) { try $0.testTransaction() } }
    func testUniqueOnPostgreSQL() throws { try run(.postgresql) { try $0.testUnique() } }
    func testUniqueOnMySQL() throws { try run(.mysql) { try $0.testUnique() } }

    /// Runs `group` on two fresh databases (`a`, the default, and `b`), as the benchmarker requires.
    private func run(_ engine: AuroraSQLEngine, _ group: (FluentBenchmarker) throws -> Void) throws {
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        defer { databases.shutdown() }
        let (first, second) = try waitFor {
            (try await DriverFixture.make(engine, prefix: "fluent_a"), try await DriverFixture.make(engine, prefix: "fluent_b"))
        }
        databases.use(.auroraDataAPI(client: first.client, engine: engine), as: DatabaseID(string: "a"))
        databases.use(.auroraDataAPI(client: second.client, engine: engine), as: DatabaseID(string: "b"))
        databases.default(to: DatabaseID(string: "a"))
        try group(FluentBenchmarker(databases: databases))
    }
}
