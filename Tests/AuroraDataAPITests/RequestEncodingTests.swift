import AuroraDataAPI
import AuroraDataAPIModel
import AuroraTestSupport
import Foundation
import Testing

/// The exact JSON each operation sends, and the path it is sent to.
@Suite("Request bodies")
struct RequestEncodingTests {
    let arns = #""resourceArn":"\#(Fixture.resourceArn)","secretArn":"\#(Fixture.secretArn)""#

    @Test("execute with interpolated parameters")
    func execute() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.executeOK]) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let id = 7
            try await client.execute("SELECT * FROM posts WHERE id = \(id) AND blob = \(Data([1, 2, 3]))")
            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.uri == "/Execute")
            #expect(try canonicalJSON(request.body) == canonicalJSON("""
                {\(arns),"database":"app","includeResultMetadata":true,
                 "sql":"SELECT * FROM posts WHERE id = :p1 AND blob = :p2",
                 "parameters":[{"name":"p1","value":{"longValue":7}},{"name":"p2","value":{"blobValue":"AQID"}}]}
                """))
        }
    }

    @Test("executeStatement sends every request member")
    func executeAllMembers() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.executeOK]) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            _ = try await client.executeStatement(ExecuteStatementRequest(
                resourceArn: Fixture.resourceArn, secretArn: Fixture.secretArn, sql: "SELECT :d", database: "db",
                schema: "public", parameters: [SqlParameter(name: "d", value: .string("2024-01-01"), typeHint: .date)],
                transactionId: "tx-1", includeResultMetadata: true, continueAfterTimeout: true,
                resultSetOptions: ResultSetOptions(decimalReturnType: .doubleOrLong, longReturnType: .string),
                formatRecordsAs: .json))
            #expect(try canonicalJSON(server.requests[0].body) == canonicalJSON("""
                {\(arns),"sql":"SELECT :d","database":"db","schema":"public",
                 "parameters":[{"name":"d","value":{"stringValue":"2024-01-01"},"typeHint":"DATE"}],
                 "transactionId":"tx-1","includeResultMetadata":true,"continueAfterTimeout":true,
                 "resultSetOptions":{"decimalReturnType":"DOUBLE_OR_LONG","longReturnType":"STRING"},
                 "formatRecordsAs":"JSON"}
                """))
        }
    }

    @Test("execute options map to request members")
    func executeOptions() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.executeOK]) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL, database: nil)
            let options = ExecuteOptions(
                includeResultMetadata: false, continueAfterTimeout: true,
                resultSetOptions: ResultSetOptions(longReturnType: .string), formatRecordsAs: .json, database: "other")
            try await client.execute("CREATE TABLE t (id int)", options: options)
            #expect(try canonicalJSON(server.requests[0].body) == canonicalJSON("""
                {\(arns),"sql":"CREATE TABLE t (id int)","database":"other","continueAfterTimeout":true,
                 "resultSetOptions":{"longReturnType":"STRING"},"formatRecordsAs":"JSON"}
                """))
        }
    }

    @Test("transactions and batches go to their own paths")
    func otherOperations() async throws {
        let responses: [ScriptedResponse] = [
            .json(#"{"transactionId":"tx-9"}"#),
            .json(#"{"updateResults":[{"generatedFields":[{"longValue":1}]},{"generatedFields":[]}]}"#),
            .json(#"{"transactionStatus":"Transaction Committed"}"#),
            .json(#"{"transactionStatus":"Rollback Complete"}"#),
        ]
        try await ScriptedHTTPServer.withServer(responses: responses) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let id = try await client.beginTransaction()
            #expect(id == "tx-9")
            let results = try await client.batchExecute(
                "INSERT INTO t (a) VALUES (:a)",
                parameterSets: [[SqlParameter(name: "a", value: .long(1))], [SqlParameter(name: "a", value: .null)]],
                transactionId: id)
            #expect(results == [UpdateResult(generatedFields: [.long(1)]), UpdateResult(generatedFields: [])])
            let committed = try await client.commitTransaction(id)
            #expect(committed == "Transaction Committed")
            let rolledBack = try await client.rollbackTransaction(id)
            #expect(rolledBack == "Rollback Complete")

            let requests = server.requests
            #expect(requests.map(\.uri) == ["/BeginTransaction", "/BatchExecute", "/CommitTransaction", "/RollbackTransaction"])
            #expect(try canonicalJSON(requests[0].body) == canonicalJSON(#"{\#(arns),"database":"app"}"#))
            #expect(try canonicalJSON(requests[1].body) == canonicalJSON("""
                {\(arns),"database":"app","sql":"INSERT INTO t (a) VALUES (:a)","transactionId":"tx-9",
                 "parameterSets":[[{"name":"a","value":{"longValue":1}}],[{"name":"a","value":{"isNull":true}}]]}
                """))
            #expect(try canonicalJSON(requests[2].body) == canonicalJSON(#"{\#(arns),"transactionId":"tx-9"}"#))
            #expect(try canonicalJSON(requests[3].body) == canonicalJSON(#"{\#(arns),"transactionId":"tx-9"}"#))
        }
    }
}
