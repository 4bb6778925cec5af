import Foundation
import Testing

@testable import AuroraDataAPIModel

@Suite struct ResponseParsingTests {
    private func malformed(_ json: String) -> DataAPIError? {
        do {
            _ = try ExecuteStatementResponse(json: Array(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesMySQLColumnMetadataAndRecords() throws {
        let response = try parseResponse("mysql-select.json")
        #expect(response.numberOfRecordsUpdated == 0)
        let columns = try #require(response.columnMetadata)
        #expect(columns.count == 12)
        #expect(columns[0] == ColumnMetadata(
            name: "id", type: JDBCType.integer, typeName: "INT UNSIGNED", label: "id", schemaName: "", tableName: "orders",
            isAutoIncrement: true, nullable: 0, precision: 10))
        #expect(columns[2].scale == 2 && columns[2].isSigned && columns[2].type == JDBCType.decimal)
        let records = try #require(response.records)
        #expect(records.count == 3 && records.allSatisfy { $0.count == 12 })
        #expect(records[0][0] == .long(1))
        #expect(records[0][4] == .bool(true))
        #expect(records[0][6] == .blob([0, 1, 2, 255]))
        #expect(records[0][7] == .string("18446744073709551615"))
        #expect(records[0][10] == .double(2.5))
        #expect(records[1][1] == .string("Tab\tand \"quotes\" ☺ 😀"))
        #expect(records[1][5] == .null)
        #expect(records[2][10] == .double(-0.00125))
    }

    @Test func parsesPostgreSQLArrays() throws {
        let records = try #require(try parseResponse("postgres-select.json").records)
        #expect(records[0][2] == .array(.longs([1, nil, 3])))
        #expect(records[0][3] == .array(.strings(["a", "b c", nil])))
        #expect(records[0][9] == .array(.doubles([0.5, -1e10])))
        #expect(records[1][1] == .long(.min))
    }

    @Test func acceptsExplicitNullsAndUnknownMembers() throws {
        let response = try parseResponse("moto-select.json")
        #expect(response.records == [[.long(7), .string("x")]])
        #expect(response.columnMetadata == nil && response.numberOfRecordsUpdated == nil)
        #expect(response.generatedFields == nil && response.formattedRecords == nil)
    }

    @Test func parsesTheOtherResponses() throws {
        let insert = try parseResponse("mysql-insert.json")
        #expect(insert.generatedFields == [.long(315)] && insert.numberOfRecordsUpdated == 1 && insert.records == nil)
        let batch = try BatchExecuteStatementResponse(json: try Fixtures.bytes("mysql-batch-insert.json"))
        #expect(batch.updateResults?.map(\.generatedFields) == [[.long(316)], [.long(317)], []])
        let begin = try BeginTransactionResponse(json: try Fixtures.bytes("begin-transaction.json"))
        #expect(begin.transactionId?.hasPrefix("AQC5SRDIm0BDSQ3QAOWG5m") == true)
        let commit = try EndTransactionResponse(json: try Fixtures.bytes("commit-transaction.json"))
        #expect(commit.transactionStatus == "Transaction Committed")
        #expect(try EndTransactionResponse(json: Array(#"{"transactionStatus":null}"#.utf8)).transactionStatus == nil)
        #expect(throws: DataAPIError.self) { try BeginTransactionResponse(json: Array(#"{"transactionId":5}"#.utf8)) }
        #expect(throws: DataAPIError.self) { try BatchExecuteStatementResponse(json: Array(#"{"updateResults":{}}"#.utf8)) }
    }

    @Test func readsErrorBodies() throws {
        let timeout = try ErrorBody(json: try Fixtures.bytes("error-statement-timeout.json"))
        #expect(timeout.code == "StatementTimeoutException" && timeout.dbConnectionId == 4021)
        #expect(timeout.message?.hasPrefix("Statement execution has timed out") == true)
        let coral = try ErrorBody(json: try Fixtures.bytes("error-database-coral.json"))
        #expect(coral.code == nil)
        #expect(coral.typeField.map(ErrorBody.normalizedCode) == "DatabaseErrorException")
        #expect(coral.message == "ERROR: relation \"missing\" does not exist\n  Position: 15; SQLState: 42P01")
        #expect(ErrorBody.normalizedCode("com.amazonaws.rdsdata#BadRequestException") == "BadRequestException")
        let odd = try ErrorBody(json: Array(#"{"message": 5, "code": ["x"], "dbConnectionId": "12", "extra": {}}"#.utf8))
        #expect(odd == ErrorBody())
        #expect(throws: DataAPIError.self) { try ErrorBody(json: Array("<html>Bad Gateway</html>".utf8)) }
        #expect(throws: DataAPIError.self) { try ErrorBody(json: []) }
    }

    @Test func refusesWrongShapesNamingRowAndColumn() throws {
        let twoMembers = try #require(malformed(#"{"records":[[{"longValue":1}],[{"longValue":2,"stringValue":"x"}]]}"#))
        #expect(twoMembers.code == .malformedResponse)
        #expect(twoMembers.message.contains("records[1][0] (row 1, column 0)"), "\(twoMembers.message)")
        let noMember = try #require(malformed(#"{"records":[[{"longValue":1},{}]]}"#))
        #expect(noMember.message.contains("no member set") && noMember.message.contains("records[0][1]"))
        let fractionalLong = try #require(malformed(#"{"records":[[{"longValue":1.5}]]}"#))
        #expect(fractionalLong.message.contains("longValue must be an integer"))
        let badBlob = try #require(malformed(#"{"records":[[{"blobValue":"***"}]]}"#))
        #expect(badBlob.message.contains("base64"))
        let ragged = try #require(malformed(#"{"records":[[{"longValue":1}],[{"longValue":1},{"isNull":true}]]}"#))
        #expect(ragged.message.contains("records[1] has 2 fields but records[0] has 1"))
        let stringLong = try #require(malformed(#"{"records":[[{"longValue":"1"}]]}"#))
        #expect(stringLong.code == .malformedResponse)
        for json in [
            "", "[]", "null", #"{"records":{}}"#, #"{"records":[{}]}"#, #"{"numberOfRecordsUpdated":"1"}"#,
            #"{"numberOfRecordsUpdated":1.5}"#, #"{"columnMetadata":[{"type":"x"}]}"#, #"{"records":[],"records":[]}"#,
            #"{"formattedRecords":5}"#, #"{"records":[[{"arrayValue":{"longValues":[1.5]}}]]}"#,
            #"{"records":[[{"arrayValue":{"longValues":[1],"stringValues":["a"]}}]]}"#, #"{} {}"#,
            #"{"generatedFields":[{"isNull":"yes"}]}"#, #"{"records":[[{"booleanValue":1}]]}"#,
        ] {
            #expect(malformed(json) != nil, "\(json)")
        }
    }

    @Test func retryIsAdvisedOnlyForABodyThatEndsEarly() throws {
        let complete = #"{"records":[[{"longValue":1}]],"numberOfRecordsUpdated":0}"#
        for cut in [10, 25, complete.utf8.count - 1] {
            let error = try #require(malformed(String(complete.prefix(cut))))
            #expect(error.message.contains("ends early") && error.message.contains("retry the call"), "\(error.message)")
        }
        for damaged in [#"{"records":[[{"longValue":1}]],"numberOfRecordsUpdated":0}}"#, #"{"records":[[{"longValue":01}]]}"#,
            #"{"records":[[{"doubleValue":"one"}]]}"#, #"{"records":[[{"longValue":1.5}]]}"#]
        {
            let error = try #require(malformed(damaged))
            #expect(error.code == .malformedResponse)
            #expect(!error.message.contains("retry the call"), "\(error.message)")
            #expect(error.message.contains("Retrying will not help") || error.message.contains("report it"), "\(error.message)")
        }
    }

    @Test func acceptsEscapedKeysAndWhitespace() throws {
        let json = " {\n \"rec\\u006frds\" : [ [ { \"longValue\" : -0 } , {\"isNull\":false, \"doubleValue\":1E2} ] ] } \n"
        let response = try ExecuteStatementResponse(json: Array(json.utf8))
        #expect(response.records == [[.long(0), .double(100)]])
    }

    @Test func formattedRecordsMustBeAnArrayOfObjectsWithTheSameKeys() throws {
        for text in ["{}", "[1]", #"[{"a":1},{"b":1}]"#, #"[{"a":1},{"a":1,"b":2}]"#, #"[{"a":1,"a":2}]"#,
            #"[{"a":1},{"a":1,"a":2}]"#, #"[{"a":1},{}]"#, "[", #"[{"a":1}] x"#]
        {
            #expect(throws: DataAPIError.self, "\(text)") { try ResultSet(formattedRecords: text) }
        }
        let reordered = try ResultSet(formattedRecords: #"[{"a":1,"b":"x"},{"b":"y","a":2}]"#)
        #expect(reordered.rows[1]["a"] == .long(2) && reordered.rows[1]["b"] == .string("y"))
        let empty = try ResultSet(formattedRecords: "[]")
        #expect(empty.count == 0)
        struct Anything: Decodable { var a: Int }
        #expect(try empty.decode(Anything.self).isEmpty)
    }

    @Test func parsedResponsesCompareAndEncodeLikeBuiltOnes() throws {
        let parsed = try parseResponse("postgres-select.json")
        let built = ExecuteStatementResponse(
            records: parsed.records, columnMetadata: parsed.columnMetadata, numberOfRecordsUpdated: 0)
        #expect(parsed == built)
        #expect(parsed.hashValue == built.hashValue)
        let encoded = try JSONEncoder().encode(parsed)
        #expect(try ExecuteStatementResponse(json: [UInt8](encoded)) == parsed)
        var edited = parsed
        edited.records = [[.long(1)]]
        #expect(edited.records == [[.long(1)]])
        #expect(edited != parsed)
    }
}
