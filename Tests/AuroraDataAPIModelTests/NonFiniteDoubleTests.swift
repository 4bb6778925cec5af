import Foundation
import Testing

@testable import AuroraDataAPIModel

/// NaN and the infinities travel as the strings "NaN", "Infinity", "-Infinity" wherever a double may stand.
@Suite struct NonFiniteDoubleTests {
    struct Reading: Decodable {
        var value: Double
        var narrow: Float?
    }

    struct Whole: Decodable { var value: Int }
    struct Exact: Decodable { var value: Decimal }
    struct Series: Decodable { var values: [Double?] }

    private let response = """
        {"columnMetadata":[{"label":"value","typeName":"float8"},{"label":"narrow","typeName":"float4"}],
         "records":[[{"doubleValue":"NaN"},{"doubleValue":"NaN"}],
                    [{"doubleValue":"Infinity"},{"doubleValue":"-Infinity"}],
                    [{"doubleValue":"-Infinity"},{"isNull":true}],
                    [{"doubleValue":1.5},{"doubleValue":-0.25}]],
         "numberOfRecordsUpdated":0,
         "generatedFields":[{"doubleValue":"Infinity"}]}
        """

    @Test func recordsAndGeneratedFieldsReadTheStrings() throws {
        let parsed = try ExecuteStatementResponse(json: Array(response.utf8))
        let records = try #require(parsed.records)
        guard case .double(let nan) = records[0][0], case .double(let infinity) = records[1][0],
            case .double(let negative) = records[2][0], case .double(let finite) = records[3][0]
        else {
            Issue.record("not doubles: \(records)")
            return
        }
        #expect(nan.isNaN)
        #expect(infinity == .infinity && negative == -.infinity && finite == 1.5)
        #expect(parsed.generatedFields == [.double(.infinity)])
    }

    @Test func decodesIntoDoubleAndFloat() throws {
        let rows = try ExecuteStatementResponse(json: Array(response.utf8)).decode(Reading.self)
        #expect(rows.count == 4)
        #expect(rows[0].value.isNaN && rows[0].narrow!.isNaN)
        #expect(rows[1].value == .infinity && rows[1].narrow == -.infinity)
        #expect(rows[2].value == -.infinity && rows[2].narrow == nil)
        #expect(rows[3].value == 1.5 && rows[3].narrow == -0.25)
    }

    @Test func integerAndDecimalTargetsAreRefusedWithRowAndColumn() throws {
        let row = try ExecuteStatementResponse(json: Array(response.utf8)).resultSet.rows[1]
        let errors = [
            #expect(throws: DataAPIError.self) { try row.decode(Whole.self) },
            #expect(throws: DataAPIError.self) { try row.decode(Exact.self) },
        ]
        for error in errors {
            let error = try #require(error)
            #expect(error.code == .decodingFailed)
            #expect(error.message.contains("row 1, column 0 'value'"), "\(error.message)")
            #expect(error.message.contains("doubleValue Infinity"), "\(error.message)")
            #expect(error.message.contains("fit only Double and Float"), "\(error.message)")
        }
    }

    @Test func arraysOfDoublesReadTheStrings() throws {
        let json = """
            {"columnMetadata":[{"label":"values"}],
             "records":[[{"arrayValue":{"doubleValues":["NaN",2.5,null,"Infinity","-Infinity"]}}]]}
            """
        let parsed = try ExecuteStatementResponse(json: Array(json.utf8))
        guard case .array(.doubles(let values)) = try #require(parsed.records)[0][0] else {
            Issue.record("not a double array")
            return
        }
        #expect(values.count == 5 && values[0]!.isNaN && values[1] == 2.5 && values[2] == nil)
        #expect(values[3] == .infinity && values[4] == -.infinity)
        let decoded = try parsed.decode(Series.self)[0].values
        #expect(decoded.count == 5 && decoded[0]!.isNaN && decoded[3] == .infinity && decoded[4] == -.infinity)
    }

    @Test func formattedRecordsReadTheStringsAsDoubles() throws {
        let set = try ResultSet(formattedRecords: #"[{"value":"NaN","narrow":"-Infinity"}]"#)
        let row = try set.decode(Reading.self)[0]
        #expect(row.value.isNaN && row.narrow == -.infinity)
    }

    @Test func otherStringsAndEscapedSpellingsAreRefused() {
        for value in [#""nan""#, #""inf""#, #""1.5""#, #""""#, #""N\u0061N""#, #""+Infinity""#] {
            let json = #"{"records":[[{"doubleValue":\#(value)}]]}"#
            #expect(throws: DataAPIError.self, "\(value)") { try ExecuteStatementResponse(json: Array(json.utf8)) }
        }
    }

    @Test func fieldsWriteAndReadTheAWSSpellings() throws {
        let fields: [Field] = [.double(.nan), .double(.infinity), .double(-.infinity)]
        let text = String(decoding: try DataAPIJSONCoding.encoder().encode(fields), as: UTF8.self)
        #expect(text == #"[{"doubleValue":"NaN"},{"doubleValue":"Infinity"},{"doubleValue":"-Infinity"}]"#)
        let back = try DataAPIJSONCoding.decoder().decode([Field].self, from: Data(text.utf8))
        #expect(back.count == 3 && back[1] == .double(.infinity) && back[2] == .double(-.infinity))
        guard case .double(let nan) = back[0] else { return #expect(Bool(false)) }
        #expect(nan.isNaN)
        #expect(fields.map(\.jsonText) == [#""NaN""#, #""Infinity""#, #""-Infinity""#])
        #expect(try ResultSet(records: [fields]).rows[0].decode(Double.self, at: 1) == .infinity)
    }
}
