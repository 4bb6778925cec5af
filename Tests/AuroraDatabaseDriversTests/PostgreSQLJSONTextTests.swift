@testable import AuroraDatabaseDrivers
import Testing

/// Compaction of `json`/`jsonb` text: whitespace between tokens goes, everything inside strings stays.
@Suite("PostgreSQL JSON text compaction")
struct PostgreSQLJSONTextTests {
    @Test(arguments: [
        ("{\"x\": 0, \"z\": [0, 0, 1]}", "{\"x\":0,\"z\":[0,0,1]}"),
        ("{\"s\": \"a  b\", \"t\": \"\\\" , \\\\\"}", "{\"s\":\"a  b\",\"t\":\"\\\" , \\\\\"}"),
        (" [ 1 ,\n\t2 ,\r\n {} ] ", "[1,2,{}]"),
        ("\"only a string with  spaces\"", "\"only a string with  spaces\""),
        ("{\"é\": \"ü ß\", \"\\u00e9\": 1e+2}", "{\"é\":\"ü ß\",\"\\u00e9\":1e+2}"),
        ("[]", "[]"),
        ("null", "null"),
    ])
    func compactsOutsideStrings(input: String, expected: String) {
        #expect(PostgreSQLJSONText.compact(input) == expected)
    }
}
