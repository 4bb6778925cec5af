@testable import AuroraDataCommands
import AuroraDataAPIModel
import Testing

/// How the shell's tables show values (``TableCells/distinct(null:)``) against exec's plain cells.
@Suite("table cells: NULL, numbers, blobs and JSON shown distinctly")
struct TableCellsTests {
    let shell = TableCells.distinct(null: "∅")

    @Test("JSON loses the whitespace between tokens only: strings, escaped quotes included, stay as they are")
    func compactJSON() {
        #expect(TableCells.compactJSON(#"{ "a b" : [1, 2],  "q": "say \"hi there\"", "e": "\\" }"#)
            == #"{"a b":[1,2],"q":"say \"hi there\"","e":"\\"}"#)
        #expect(TableCells.compactJSON("  42 ") == "42")
    }

    @Test("blobs are \\x hex; past 32 bytes cut with their length")
    func hex() {
        #expect(TableCells.hex([]) == "\\x")
        #expect(TableCells.hex([0x00, 0x0f, 0xff]) == "\\x000fff")
        let long = [UInt8](repeating: 0xab, count: 33)
        #expect(TableCells.hex(long) == "\\x" + String(repeating: "ab", count: 32) + "… (33 bytes)")
    }

    @Test("NULL is the null text, a string is itself; exec's plain cells keep NULL and base64")
    func values() {
        let json = ColumnMetadata(type: JDBCType.other, typeName: "jsonb")
        #expect(shell.text(.null, column: nil) == "∅")
        #expect(shell.text(.string("NULL"), column: nil) == "NULL")
        #expect(shell.text(.string("{ \"a\": 1 }"), column: json) == #"{"a":1}"#)
        #expect(shell.text(.string("{ \"a\": 1 }"), column: nil) == #"{ "a": 1 }"#)
        #expect(TableCells.plain.text(.null, column: nil) == "NULL")
        #expect(TableCells.plain.text(.blob([1, 2]), column: nil) == "AQI=")
    }

    @Test("numbers are right-aligned, by the column's type or else by the values")
    func alignment() {
        #expect(shell.rightAligned(ColumnMetadata(type: JDBCType.double, typeName: "float8"), values: [.string("NaN")]))
        #expect(!shell.rightAligned(ColumnMetadata(type: JDBCType.varchar, typeName: "text"), values: [.string("NaN")]))
        #expect(shell.rightAligned(nil, values: [.null, .long(3)]))
        #expect(!shell.rightAligned(nil, values: [.bool(true)]))
        #expect(!TableCells.plain.rightAligned(nil, values: [.long(3)]))
    }
}
