import AuroraSQL
import Testing

@Suite struct SQLScriptTextTests {
    @Test(arguments: [
        ("\u{FEFF}SELECT 1;\r\nSELECT 2;\r\n", "SELECT 1;\nSELECT 2;"),
        ("a\rb\r\n\rc", "a\nb\n\nc"),
        ("SELECT 1;  \n\n\t \n", "SELECT 1;"),
        ("  lead stays\n", "  lead stays"),
        ("\u{FEFF}", ""),
        ("é\u{FEFF}😀\r", "é\u{FEFF}😀"),
        ("", ""),
    ])
    func normalizes(_ input: String, _ expected: String) {
        #expect(SQLScriptText.normalized(input) == expected)
    }

    @Test func checkoutVariantsNormalizeAlike() {
        let unix = "CREATE TABLE a (b int);\nINSERT INTO a VALUES (1);\n"
        let windows = "\u{FEFF}" + unix.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        #expect(SQLScriptText.normalized(unix) == SQLScriptText.normalized(windows))
        #expect(SQLScriptText.normalized(SQLScriptText.normalized(windows)) == SQLScriptText.normalized(windows))
    }
}
