import AuroraDataAPIModel
import Testing

@Suite("JSON text of result values")
struct JSONTextTests {
    @Test("arrays render as JSON arrays; control characters are escaped; no NaN or infinity numbers")
    func arraysAndEscapes() {
        #expect(Field.array(.longs([1, nil, 3])).jsonText == "[1,null,3]")
        #expect(Field.array(.arrays([.strings(["a", nil])])).jsonText == #"[["a",null]]"#)
        #expect(JSONText.quoted("tab\there\u{1}\"\\") == #""tab\there\u0001\"\\""#)
        #expect(Field.double(.infinity).jsonText == #""Infinity""#)
        #expect(Field.double(-.infinity).jsonText == #""-Infinity""# && Field.double(.nan).jsonText == #""NaN""#)
        #expect(Field.blob([0, 1, 2]).jsonText == #""AAEC""#)
        #expect(Field.null.jsonText == "null")
        #expect(Field.string("12.50").jsonText == #""12.50""#)
    }

    @Test("the text is valid JSON that the response reader accepts and reads back", arguments: [
        Field.null, .bool(true), .long(-9_223_372_036_854_775_808), .double(1.5), .string("é ✓ \u{0}\n\"\\"),
        .array(.doubles([0.25, nil])), .array(.booleans([true, nil])), .array(.strings(["x", nil])),
    ])
    func readsBack(field: Field) throws {
        let set = try ResultSet(formattedRecords: "[{\"v\":\(field.jsonText)}]")
        #expect(set.count == 1)
        #expect(set.rows[0]["v"] == field)
    }
}
