import Foundation
import Testing

@testable import AuroraDataAPIModel

/// `Row.decode(_:at:)` for one column, the path SQLKit and Fluent take once per value: the common scalars and their
/// optionals read straight from the cell, everything else through the decoder, with the same results and errors.
@Suite struct ColumnDecodingTests {
    private let resultSet: ResultSet = {
        let columns = ["n", "s", "d", "dec", "ts", "flag", "none", "blob", "tiny"].map { ColumnMetadata(name: $0, label: $0) }
        return try! ResultSet(columns: columns, records: [[
            .long(42), .string("naïve"), .double(2.5), .string("12345678901234567890.123456789"),
            .string("2024-02-29 23:59:59.123456"), .bool(true), .null, .blob([0, 255]), .long(1),
        ]])
    }()

    @Test func commonScalarsAndTheirOptionals() throws {
        let row = resultSet.rows[0]
        #expect(try row.decode(Int.self, at: 0) == 42)
        #expect(try row.decode(Int?.self, at: 0) == 42)
        #expect(try row.decode(Int64?.self, at: 6) == nil)
        #expect(try row.decode(String.self, at: 1) == "naïve")
        #expect(try row.decode(String?.self, at: 6) == nil)
        #expect(try row.decode(Double?.self, at: 2) == 2.5)
        #expect(try row.decode(Decimal.self, at: 3) == Decimal(string: "12345678901234567890.123456789"))
        #expect(try row.decode(Date?.self, at: 4) == DataAPIDateTime.parseTimestamp("2024-02-29 23:59:59.123456"))
        #expect(try row.decode(Bool.self, at: 5))
        #expect(try row.decode(Bool?.self, at: 8) == true)  // MySQL TINYINT(1)
        #expect(try row.decode([UInt8].self, at: 7) == [0, 255])  // not a common scalar: the decoder's path
        #expect(try row.decode(Int8?.self, at: 0) == 42)
    }

    @Test func nullsAndMismatchesFailAsBefore() {
        let row = resultSet.rows[0]
        #expect { try row.decode(Int.self, at: 6) } throws: { error in
            (error as? DataAPIError)?.code == .decodingFailed
        }
        #expect { try row.decode(Int?.self, at: 1) } throws: { error in
            (error as? DataAPIError)?.message.contains("column 1") == true || (error as? DataAPIError)?.code == .decodingFailed
        }
    }

    @Test func isNullReadsNoValue() {
        let row = resultSet.rows[0]
        #expect(row.isNull(at: 6))
        #expect(!row.isNull(at: 1))
        #expect(!row.isNull(at: 7))
    }
}
