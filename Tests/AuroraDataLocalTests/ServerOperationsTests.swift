import AuroraDataAPI
import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraDataLocal
import AuroraDataLocalTestSupport
import Foundation
import Testing

/// The five operations over real HTTP against real PostgreSQL and MariaDB.
@Suite("Local endpoint operations")
struct ServerOperationsTests {
    @Test(arguments: serverEngines)
    func executeReturnsRecordsAndMetadataOnlyWhenAsked(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("ops")
        let sql = "SELECT :n AS n, :s AS s"
        let parameters: [[String: Any]] = [
            ["name": "n", "value": ["longValue": 42]], ["name": "s", "value": ["stringValue": "hé"]],
        ]
        let plain = try await endpoint.sql(sql, database: database, ["parameters": parameters])
        #expect(plain.json["columnMetadata"] == nil)
        let row = try #require(plain.records?.first)
        #expect((row[0]["longValue"] as? NSNumber)?.int64Value == 42)
        #expect(row[1]["stringValue"] as? String == "hé")
        #expect(plain.header("x-amzn-RequestId")?.count == 36)

        let described = try await endpoint.sql(
            sql, database: database, ["parameters": parameters, "includeResultMetadata": true]
        )
        let columns = try #require(described.json["columnMetadata"] as? [[String: Any]])
        #expect(columns.map { $0["label"] as? String } == ["n", "s"])
    }

    @Test(arguments: serverEngines)
    func insertReportsUpdatedRowsAndGeneratedKeys(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("ops")
        let create = engine == .postgresql
            ? "CREATE TABLE items (id SERIAL PRIMARY KEY, name TEXT)"
            : "CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name TEXT)"
        try await endpoint.sql(create, database: database)
        let insert = try await endpoint.sql(
            "INSERT INTO items (name) VALUES (:name)", database: database,
            ["parameters": [["name": "name", "value": ["stringValue": "a"]]]]
        )
        #expect((insert.json["numberOfRecordsUpdated"] as? NSNumber)?.int64Value == 1)
        #expect(insert.json["records"] == nil)
        let generated = try #require(insert.json["generatedFields"] as? [[String: Any]])
        if engine == .mysql {
            #expect((generated.first?["longValue"] as? NSNumber)?.int64Value == 1)
        } else {
            #expect(generated.isEmpty)
        }
    }

    @Test(arguments: serverEngines)
    func batchExecuteAnswersOneResultPerParameterSet(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("ops")
        let create = engine == .postgresql
            ? "CREATE TABLE items (id SERIAL PRIMARY KEY, name TEXT)"
            : "CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name TEXT)"
        try await endpoint.sql(create, database: database)
        let sets = (1...3).map { [["name": "name", "value": ["stringValue": "n\($0)"]]] }
        let answer = try await endpoint.call(
            "/BatchExecute", ["sql": "INSERT INTO items (name) VALUES (:name)", "database": database, "parameterSets": sets]
        )
        #expect(answer.status == 200, "\(answer.json)")
        let results = try #require(answer.json["updateResults"] as? [[String: Any]])
        #expect(results.count == 3)
        let ids = results.map { (($0["generatedFields"] as? [[String: Any]])?.first?["longValue"] as? NSNumber)?.int64Value }
        #expect(ids == (engine == .mysql ? [1, 2, 3] : [nil, nil, nil]))
        #expect(try await endpoint.count("items", database: database) == 3)
    }

    @Test(arguments: serverEngines)
    func committedWorkIsVisibleAndRolledBackWorkIsNot(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("tx")
        try await endpoint.sql("CREATE TABLE t (v INT)", database: database)

        let begin = try await endpoint.call("/BeginTransaction", ["database": database])
        let id = try #require(begin.json["transactionId"] as? String)
        try await endpoint.sql("INSERT INTO t VALUES (1)", database: database, ["transactionId": id])
        #expect(try await endpoint.count("t", database: database) == 0)
        let commit = try await endpoint.call("/CommitTransaction", ["transactionId": id])
        #expect(commit.json["transactionStatus"] as? String == "Transaction Committed")
        #expect(try await endpoint.count("t", database: database) == 1)

        let second = try await endpoint.call("/BeginTransaction", ["database": database])
        let other = try #require(second.json["transactionId"] as? String)
        try await endpoint.sql("INSERT INTO t VALUES (2)", database: database, ["transactionId": other])
        let rollback = try await endpoint.call("/RollbackTransaction", ["transactionId": other])
        #expect(rollback.json["transactionStatus"] as? String == "Rollback Complete")
        #expect(try await endpoint.count("t", database: database) == 1)

        let again = try await endpoint.call("/CommitTransaction", ["transactionId": other])
        #expect(again.status == 404)
        #expect(again.code == "TransactionNotFoundException")
        #expect(again.message?.hasPrefix("Transaction \(other) is not found") == true)
    }

    @Test(arguments: serverEngines)
    func formatRecordsAsJSONReturnsObjectsKeyedByLabel(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("fmt")
        let answer = try await endpoint.sql(
            "SELECT 1 AS one, 'x' AS letter, NULL AS nothing", database: database,
            ["formatRecordsAs": "JSON", "includeResultMetadata": true]
        )
        #expect(answer.records == nil)
        #expect(answer.json["columnMetadata"] == nil)
        let text = try #require(answer.json["formattedRecords"] as? String)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect((rows.first?["one"] as? NSNumber)?.intValue == 1)
        #expect(rows.first?["letter"] as? String == "x")
        #expect(rows.first?["nothing"] is NSNull)
        #expect(text.hasPrefix("[{\"one\":1,\"letter\":\"x\""))

        let duplicate = try await endpoint.call(
            "/Execute", ["sql": "SELECT 1 AS a, 2 AS a", "database": database, "formatRecordsAs": "JSON"]
        )
        #expect(duplicate.status == 400)
        #expect(duplicate.code == "UnsupportedResultException")
    }

    @Test(arguments: serverEngines)
    func resultSetOptionsShapeDecimalsAndLongs(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("rso")
        let sql = "SELECT CAST(12.50 AS DECIMAL(10,2)) AS d, CAST(7 AS DECIMAL(10,0)) AS w, 9 AS n"
        let defaults = try #require(try await endpoint.sql(sql, database: database).records?.first)
        #expect(defaults[0]["stringValue"] as? String == "12.50")
        let shaped = try #require(
            try await endpoint.sql(
                sql, database: database,
                ["resultSetOptions": ["decimalReturnType": "DOUBLE_OR_LONG", "longReturnType": "STRING"]]
            ).records?.first
        )
        #expect((shaped[0]["doubleValue"] as? NSNumber)?.doubleValue == 12.5)
        #expect(shaped[1]["longValue"] != nil || shaped[1]["stringValue"] != nil)
        #expect(shaped[2]["stringValue"] as? String == "9")
    }

    @Test(arguments: serverEngines)
    func projectClientRunsAgainstTheEndpoint(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("client")
        let client = endpoint.client(database: database)
        let five: Int64 = 5
        let response = try await client.execute("SELECT \(five) AS five")
        #expect(response.records?.first?.first == .long(5))
    }

    @Test(arguments: serverEngines)
    func executeSqlIsNotSupported(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let answer = try await endpoint.call("/ExecuteSql", ["sqlStatements": "SELECT 1"])
        #expect(answer.status == 400)
        #expect(answer.code == "BadRequestException")
        #expect(answer.header("x-amzn-ErrorType") == "BadRequestException")
    }
}
