import AuroraDataAPI
import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraDatabaseServers
import AuroraDataLocal
import AuroraDataLocalTestSupport
import AuroraSigV4
import Foundation
import Logging
import Testing

/// Where third-party clients depend on the service's own behaviour (issue 23): a commit after a failed statement,
/// JSON results, fractional seconds on MySQL, and what the endpoint logs. Real HTTP, real PostgreSQL and MariaDB,
/// raw calls and the project's client.
@Suite("Local endpoint: parity with the Data API, and its logs")
struct ServiceParityTests {
    // MARK: - Commit after a failed statement

    @Test(arguments: serverEngines)
    func commitAfterAFailedStatementAnswersAsTheServiceDoes(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("commitfail")
        try await endpoint.sql("CREATE TABLE t (id INT PRIMARY KEY)", database: database)
        let capture = LogCapture()
        try await endpoint.withEndpoint(logger: capture.logger(), { _ in }) { url in
            let id = try await endpoint.begin(database, to: url)
            try await endpoint.sql("INSERT INTO t VALUES (1)", database: database, ["transactionId": id], to: url)
            let duplicate = try await endpoint.call(
                "/Execute", ["sql": "INSERT INTO t VALUES (1)", "transactionId": id], to: url
            )
            #expect(duplicate.code == "DatabaseErrorException")
            let commit = try await endpoint.call("/CommitTransaction", ["transactionId": id], to: url)
            // The service answers 200 "Transaction Committed" on both engines.
            #expect(commit.status == 200, "\(commit.json)")
            #expect(commit.json["transactionStatus"] as? String == "Transaction Committed")
            let warnings = capture.entries.filter { $0.level == .warning }
            if engine == .postgresql {
                // PostgreSQL rolled the whole transaction back, and the endpoint says so in its log.
                #expect(try await endpoint.count("t", database: database, to: url) == 0)
                let warning = try #require(warnings.first, "\(capture.entries.map(\.message))")
                #expect(warning.message.contains("rolled the transaction back"))
                #expect(warning.metadata["transactionId"] == id)
                #expect(warning.metadata["statementError"]?.hasSuffix("SQLState: 23505") == true)
                // The detail line quotes the row's key; it stays out of the log.
                #expect(!warning.fullText.contains("Key (id)=(1)"), "\(warning.fullText)")
            } else {
                // MySQL keeps the transaction after a duplicate key: the first row is committed, nothing to warn about.
                #expect(try await endpoint.count("t", database: database, to: url) == 1)
                #expect(warnings.isEmpty, "\(warnings.map(\.message))")
            }
            let again = try await endpoint.call("/RollbackTransaction", ["transactionId": id], to: url)
            #expect(again.code == "TransactionNotFoundException")
        }
    }

    @Test(arguments: serverEngines)
    func strictTransactionsTellTheTruth(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("strict")
        try await endpoint.sql("CREATE TABLE t (id INT PRIMARY KEY)", database: database)
        let capture = LogCapture()
        try await endpoint.withEndpoint(logger: capture.logger(), { $0.strictTransactions = true }) { url in
            let id = try await endpoint.begin(database, to: url)
            try await endpoint.sql("INSERT INTO t VALUES (1)", database: database, ["transactionId": id], to: url)
            _ = try await endpoint.call("/Execute", ["sql": "INSERT INTO t VALUES (1)", "transactionId": id], to: url)
            let commit = try await endpoint.call("/CommitTransaction", ["transactionId": id], to: url)
            if engine == .postgresql {
                #expect(commit.status == 400)
                #expect(commit.code == "DatabaseErrorException")
                let message = try #require(commit.message)
                #expect(message.hasPrefix("The transaction was rolled back, not committed"), "\(message)")
                #expect(message.hasSuffix("SQLState: 23505"), "\(message)")
                #expect(try await endpoint.count("t", database: database, to: url) == 0)
                #expect(capture.entries.contains { $0.level == .warning && $0.message.contains("--strict-transactions") })
            } else {
                #expect(commit.status == 200)
                #expect(try await endpoint.count("t", database: database, to: url) == 1)
            }
        }
    }

    @Test(arguments: serverEngines)
    func clientCommitAfterAFailedStatementAndWithTransactionRollback(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("clientcommit")
        let client = endpoint.client(database: database)
        try await client.execute("CREATE TABLE t (id INT PRIMARY KEY)")

        // A caught statement error, then commit: the call succeeds as on AWS; PostgreSQL kept nothing.
        let id = try await client.beginTransaction()
        _ = try await client.executeStatement(
            ExecuteStatementRequest(
                resourceArn: endpoint.resourceArn, secretArn: endpoint.secretArn, sql: "INSERT INTO t VALUES (1)",
                database: database, transactionId: id
            )
        )
        await #expect(throws: DataAPIError.self) {
            _ = try await client.executeStatement(
                ExecuteStatementRequest(
                    resourceArn: endpoint.resourceArn, secretArn: endpoint.secretArn, sql: "INSERT INTO t VALUES (1)",
                    database: database, transactionId: id
                )
            )
        }
        #expect(try await client.commitTransaction(id) == "Transaction Committed")
        #expect(try await endpoint.count("t", database: database) == (engine == .postgresql ? 0 : 1))

        // withTransaction rolls back when its body throws: the statement that succeeded is not kept.
        struct Stop: Error {}
        await #expect(throws: Stop.self) {
            try await client.withTransaction { tx in
                try await tx.execute("INSERT INTO t VALUES (2)")
                throw Stop()
            }
        }
        // ...and when a statement fails (the body rethrows the DatabaseErrorException).
        await #expect(throws: DataAPIError.self) {
            try await client.withTransaction { tx in
                try await tx.execute("INSERT INTO t VALUES (3)")
                try await tx.execute("INSERT INTO t VALUES (3)")
            }
        }
        #expect(try await endpoint.count("t", database: database) == (engine == .postgresql ? 0 : 1))
    }

    // MARK: - JSON

    @Test
    func postgreSQLJSONComesBackCompact() async throws {
        let endpoint = try await LocalEndpointFixture.shared(.postgresql)
        let database = try await endpoint.makeDatabase("json")
        // The input text has extra spaces, a line break, keys out of order, a duplicate key and spaces in a string.
        let input = "{\"z\": [0, 0,\n 1],  \"x\": 0, \"x\": 1, \"s\": \"a  b\\\"c\", \"n\": 1.50}"
        try await endpoint.sql("CREATE TABLE docs (j JSON, b JSONB, ja JSON[], ba JSONB[])", database: database)
        try await endpoint.sql(
            "INSERT INTO docs VALUES (CAST(:d AS JSON), CAST(:d AS JSONB), ARRAY[CAST(:d AS JSON), '[1, 2]'::json], "
                + "ARRAY[CAST(:d AS JSONB), NULL])",
            database: database, ["parameters": [["name": "d", "value": ["stringValue": input]]]]
        )
        // json keeps its text (key order, duplicates, number spelling) without whitespace between tokens; jsonb is
        // PostgreSQL's normalized form (keys sorted by length then bytes, last duplicate wins), compact too.
        let json = "{\"z\":[0,0,1],\"x\":0,\"x\":1,\"s\":\"a  b\\\"c\",\"n\":1.50}"
        let jsonb = "{\"n\":1.50,\"s\":\"a  b\\\"c\",\"x\":1,\"z\":[0,0,1]}"
        let answer = try await endpoint.sql("SELECT j, b, ja, ba FROM docs", database: database)
        let row = try #require(answer.records?.first)
        #expect(row[0]["stringValue"] as? String == json)
        #expect(row[1]["stringValue"] as? String == jsonb)
        let arrays = try #require(row[2]["arrayValue"] as? [String: Any])
        #expect(arrays["stringValues"] as? [String] == [json, "[1,2]"])
        let binaryArrays = try #require(row[3]["arrayValue"] as? [String: Any])
        let elements = try #require(binaryArrays["stringValues"] as? [Any])
        #expect(elements.first as? String == jsonb)
        #expect(elements.last is NSNull)

        // formatRecordsAs JSON: the same compact text, as a JSON string (the Data API maps other types to strings).
        let formatted = try await endpoint.sql("SELECT j, b FROM docs", database: database, ["formatRecordsAs": "JSON"])
        let text = try #require(formatted.json["formattedRecords"] as? String)
        #expect(text == "[{\"j\":\(JSONText.quoted(json)),\"b\":\(JSONText.quoted(jsonb))}]", "\(text)")

        // The project's client sees the same.
        let client = endpoint.client(database: database)
        let response = try await client.execute("SELECT b FROM docs")
        #expect(response.records?.first?.first == .string(jsonb))
    }

    @Test
    func mySQLJSONIsTheServersText() async throws {
        let endpoint = try await LocalEndpointFixture.shared(.mysql)
        let database = try await endpoint.makeDatabase("json")
        try await endpoint.sql("CREATE TABLE docs (j JSON)", database: database)
        let input = "{\"z\": [0, 0, 1], \"x\": 0}"
        try await endpoint.sql(
            "INSERT INTO docs VALUES (:d)", database: database,
            ["parameters": [["name": "d", "value": ["stringValue": input], "typeHint": "JSON"]]]
        )
        // Not reshaped by the endpoint: MariaDB stores JSON as text (Aurora MySQL normalizes it, see the doc's audit).
        let answer = try await endpoint.sql("SELECT j FROM docs", database: database)
        #expect(answer.records?.first?.first?["stringValue"] as? String == input)
    }

    // MARK: - Fractional seconds

    @Test(arguments: serverEngines)
    func fractionalSecondsRoundAsOnAurora(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("fraction")
        let cast = engine == .postgresql
            ? "SELECT CAST('2020-09-17 13:49:32.780180' AS TIMESTAMP(0)) AS ts"
            : "SELECT CAST('2020-09-17 13:49:32.780180' AS DATETIME) AS ts"
        let answer = try await endpoint.sql(cast, database: database)
        #expect(answer.records?.first?.first?["stringValue"] as? String == "2020-09-17 13:49:33")

        // Stored into a column with fewer digits, through a bound parameter and the project's client.
        let client = endpoint.client(database: database)
        try await client.execute(
            engine == .postgresql ? "CREATE TABLE t (ts TIMESTAMP(0))" : "CREATE TABLE t (ts DATETIME)"
        )
        _ = try await client.executeStatement(
            ExecuteStatementRequest(
                resourceArn: endpoint.resourceArn, secretArn: endpoint.secretArn, sql: "INSERT INTO t VALUES (:ts)",
                database: database,
                parameters: [SqlParameter(name: "ts", value: .string("2020-09-17 13:49:32.780"), typeHint: .timestamp)]
            )
        )
        let stored = try await client.execute("SELECT ts FROM t")
        #expect(stored.records?.first?.first == .string("2020-09-17 13:49:33"))
    }

    /// A MariaDB named with `--database-url` whose server-wide `sql_mode` truncates: the endpoint's sessions round.
    @Test
    func mariaDBSessionsRoundEvenWhenTheServerTruncates() async throws {
        let server = try await LocalDatabaseServer.start(.mysql)
        defer { server.stop() }
        let credentials = server.address.credentials
        let admin = try await server.backend.connect(database: nil, credentials: credentials)
        defer { admin.close() }
        try await admin.execute(
            sql: "SET GLOBAL sql_mode = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'",
            parameters: [], resultSetOptions: nil
        )
        let session = try await server.backend.connect(database: nil, credentials: credentials)
        defer { session.close() }
        let outcome = try await session.execute(
            sql: "SELECT CAST('2020-09-17 13:49:32.780180' AS DATETIME), @@GLOBAL.sql_mode", parameters: [],
            resultSetOptions: nil
        )
        let row = try #require(outcome.records?.first)
        #expect(row[0] == .string("2020-09-17 13:49:33"))
        #expect(row[1] == .string("STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"))
    }

    // MARK: - Logs

    @Test(arguments: serverEngines)
    func requestsAndStatementsAreLoggedWithoutValues(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("logs")
        let capture = LogCapture()
        let secretValue = "parameter-value-\(UUID().uuidString)"
        try await endpoint.withEndpoint(logger: capture.logger(level: .info), { $0.logRequests = true; $0.logSQL = true }) { url in
            let id = try await endpoint.begin(database, to: url)
            let answer = try await endpoint.call(
                "/Execute",
                [
                    "sql": "SELECT :v AS v", "database": database, "transactionId": id,
                    "parameters": [["name": "v", "value": ["stringValue": secretValue]]],
                ],
                to: url
            )
            #expect(answer.status == 200)
            let failed = try await endpoint.call("/Execute", ["sql": "SELEC nonsense", "database": database], to: url)
            #expect(failed.status == 400)
            _ = try await endpoint.call("/CommitTransaction", ["transactionId": id], to: url)

            let requests = capture.entries.filter { $0.metadata["requestId"] != nil }
            #expect(requests.map(\.message) == ["BeginTransaction", "ExecuteStatement", "ExecuteStatement", "CommitTransaction"])
            let begin = requests[0], execute = requests[1], failure = requests[2], commit = requests[3]
            #expect(begin.metadata["transactionId"] == id)
            #expect(execute.metadata["transactionId"] == id)
            #expect(execute.metadata["status"] == "200")
            #expect(execute.metadata["requestId"] == answer.header("x-amzn-RequestId"))
            #expect(execute.metadata["durationMs"].flatMap(Double.init) != nil)
            #expect(failure.metadata["status"] == "400")
            #expect(failure.metadata["error"] == "DatabaseErrorException")
            #expect(failure.metadata["requestId"] == failed.header("x-amzn-RequestId"))
            #expect(commit.metadata["transactionId"] == id)

            let statements = capture.entries.filter { $0.message.hasPrefix("SQL: ") }
            #expect(statements.map(\.message) == ["SQL: SELECT :v AS v", "SQL: SELEC nonsense"])
            #expect(statements.first?.metadata["transactionId"] == id)

            // The project's client: one line per call, the transaction's id on each of its calls.
            let client = endpoint.client(database: database, endpointURL: url)
            let before = capture.entries.count
            try await client.withTransaction { tx in try await tx.execute("SELECT \(secretValue) AS v") }
            let clientLines = capture.entries.dropFirst(before).filter { $0.metadata["requestId"] != nil }
            #expect(clientLines.map(\.message) == ["BeginTransaction", "ExecuteStatement", "CommitTransaction"])
            let clientTransaction = clientLines.first?.metadata["transactionId"]
            #expect(clientTransaction != nil && clientLines.allSatisfy { $0.metadata["transactionId"] == clientTransaction })
            #expect(capture.entries.dropFirst(before).contains { $0.message == "SQL: SELECT :p1 AS v" })
        }
        // Never a parameter value, a key or a signature.
        for entry in capture.entries {
            #expect(!entry.fullText.contains(secretValue), "\(entry.fullText)")
            #expect(!entry.fullText.contains(LocalEndpointConfiguration.defaultCredentials.secretAccessKey))
            #expect(!entry.fullText.contains("Signature="))
        }
    }

    @Test(arguments: serverEngines)
    func quietByDefaultAndAStopLogsNoError(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("quiet")
        let capture = LogCapture()
        try await endpoint.withEndpoint(logger: capture.logger(), { _ in }) { url in
            // A client connection kept alive across the stop, as SDKs keep them.
            try await endpoint.sql("SELECT 1", database: database, to: url)
            _ = try await endpoint.call("/Execute", ["sql": "SELEC nonsense", "database": database], to: url)
        }
        #expect(capture.entries.allSatisfy { $0.metadata["requestId"] == nil && !$0.message.hasPrefix("SQL: ") })
        let errors = capture.entries.filter { $0.level >= .error }
        #expect(errors.isEmpty, "\(errors.map(\.fullText))")
    }
}
