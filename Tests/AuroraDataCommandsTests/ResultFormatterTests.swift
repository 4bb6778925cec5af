import AuroraDataAPIModel
import Testing

@testable import AuroraDataCommands

@Suite("exec output formats")
struct ResultFormatterTests {
    static let response = ExecuteStatementResponse(
        records: [
            [.long(1), .string("Ann, \"the\" first"), .string("12.50"), .bool(true), .null, .blob([0, 1, 2]), .double(1.5)],
            [.long(2), .string("Bob\nline two"), .string("0.00"), .bool(false), .string("2024-01-02 03:04:05"), .blob([]), .double(-2)],
        ],
        columnMetadata: [
            ColumnMetadata(name: "id", typeName: "int4", label: "id"),
            ColumnMetadata(name: "name", typeName: "text", label: "name"),
            ColumnMetadata(name: "price", typeName: "numeric", label: "price"),
            ColumnMetadata(name: "active", typeName: "bool", label: "active"),
            ColumnMetadata(name: "seen", typeName: "timestamp", label: "seen"),
            ColumnMetadata(name: "data", typeName: "bytea", label: "data"),
            ColumnMetadata(name: "score", typeName: "float8", label: "score"),
        ])

    @Test("JSON: objects keyed by label, typed values, DECIMAL as string, blobs base64")
    func json() {
        let text = ResultFormatter(format: .json).render(Self.response)
        #expect(text == """
            [
              {"id": 1, "name": "Ann, \\"the\\" first", "price": "12.50", "active": true, "seen": null, "data": "AAEC", "score": 1.5},
              {"id": 2, "name": "Bob\\nline two", "price": "0.00", "active": false, "seen": "2024-01-02 03:04:05", "data": "", "score": -2.0}
            ]

            """)
    }

    @Test("CSV: RFC 4180 quoting, NULL as an empty cell")
    func csv() {
        let text = ResultFormatter(format: .csv).render(Self.response)
        #expect(text == "id,name,price,active,seen,data,score\r\n"
            + "1,\"Ann, \"\"the\"\" first\",12.50,true,,AAEC,1.5\r\n"
            + "2,\"Bob\nline two\",0.00,false,2024-01-02 03:04:05,,-2.0\r\n")
    }

    @Test("table: aligned columns, NULL shown, newlines escaped, row count")
    func table() {
        let text = ResultFormatter(format: .table).render(Self.response)
        #expect(text == """
            id | name             | price | active | seen                | data | score
            ---+------------------+-------+--------+---------------------+------+------
            1  | Ann, "the" first | 12.50 | true   | NULL                | AAEC | 1.5
            2  | Bob\\nline two    | 0.00  | false  | 2024-01-02 03:04:05 |      | -2.0
            (2 rows)

            """)
    }

    @Test("an empty result set still prints its columns")
    func emptyResult() {
        let response = ExecuteStatementResponse(records: [], columnMetadata: [ColumnMetadata(label: "id")])
        #expect(ResultFormatter(format: .json).render(response) == "[]\n")
        #expect(ResultFormatter(format: .csv).render(response) == "id\r\n")
        #expect(ResultFormatter(format: .table).render(response) == "id\n--\n(0 rows)\n")
    }

    @Test("statements without a result set print the update count")
    func update() {
        let response = ExecuteStatementResponse(numberOfRecordsUpdated: 3, generatedFields: [.long(17)])
        #expect(ResultFormatter(format: .json).render(response) == #"{"numberOfRecordsUpdated":3,"generatedFields":[17]}"# + "\n")
        #expect(ResultFormatter(format: .table).render(response) == "3 rows updated; generated: 17\n")
        #expect(ResultFormatter(format: .csv).render(response) == "numberOfRecordsUpdated,generatedFields\r\n3,17\r\n")
    }
}
