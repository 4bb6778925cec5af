import SwiftSyntaxMacrosGenericTestSupport
import Testing

/// What `@DataAPIRecord` refuses, each with an error at the place to fix and no conformance written.
@Suite struct DataAPIRecordMacroDiagnosticTests {
    @Test(arguments: [("class", "a class"), ("enum", "an enum"), ("actor", "an actor"), ("protocol", "a protocol")])
    func onlyStructs(keyword: String, kind: String) {
        assertRecordExpansion(
            """
            @DataAPIRecord
            \(keyword) Thing {
            }
            """,
            expandedSource: """
                \(keyword) Thing {
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@DataAPIRecord applies to a struct, not to \(kind); declare a struct or write the "
                        + "RecordDecodable conformance by hand",
                    line: 1, column: 1)
            ])
    }

    @Test func aStructDecodingItself() {
        assertRecordExpansion(
            """
            @DataAPIRecord
            struct Custom: Decodable {
                var id: Int
                init(from decoder: any Decoder) throws { id = 1 }
            }
            """,
            expandedSource: """
                struct Custom: Decodable {
                    var id: Int
                    init(from decoder: any Decoder) throws { id = 1 }
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "'Custom' declares its own init(from:), which @DataAPIRecord cannot read; remove the "
                        + "macro and write init(record:) by hand so that it reads the same keys",
                    line: 1, column: 1)
            ])
    }

    @Test func aPropertyWithoutAType() {
        assertRecordExpansion(
            """
            @DataAPIRecord
            struct Counter: Decodable {
                var count = 0
            }
            """,
            expandedSource: """
                struct Counter: Decodable {
                    var count = 0
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "'count' has no type annotation; @DataAPIRecord reads types from the declaration, so "
                        + "write its type (for example 'var count: Int = 0')",
                    line: 3, column: 9)
            ])
    }

    @Test func aTuplePattern() {
        assertRecordExpansion(
            """
            @DataAPIRecord
            struct Pair: Decodable {
                var (a, b): (Int, Int)
            }
            """,
            expandedSource: """
                struct Pair: Decodable {
                    var (a, b): (Int, Int)
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@DataAPIRecord reads only simple names; declare each property of this tuple pattern "
                        + "on its own",
                    line: 3, column: 9)
            ])
    }

    @Test func lazyWrappedAndConditionalProperties() {
        assertRecordExpansion(
            """
            @DataAPIRecord
            struct Odd: Decodable {
                lazy var a: Int = 1
                @Clamped var b: Int
                #if DEBUG
                var c: Int
                #endif
            }
            """,
            expandedSource: """
                struct Odd: Decodable {
                    lazy var a: Int = 1
                    @Clamped var b: Int
                    #if DEBUG
                    var c: Int
                    #endif
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@DataAPIRecord reads only plain stored properties, not a lazy one; write the "
                        + "RecordDecodable conformance by hand",
                    line: 3, column: 5),
                DiagnosticSpec(
                    message: "@DataAPIRecord reads only plain stored properties, not a @Clamped one; write the "
                        + "RecordDecodable conformance by hand",
                    line: 4, column: 5),
                DiagnosticSpec(
                    message: "@DataAPIRecord cannot tell which properties inside #if exist; declare them outside it "
                        + "or write the RecordDecodable conformance by hand",
                    line: 5, column: 5),
            ])
    }

    @Test func codingKeysThatCannotBeRead() {
        assertRecordExpansion(
            """
            @DataAPIRecord
            struct Keyed: Decodable {
                var id: Int
                enum CodingKeys: String, CodingKey {
                    case id = #"ID"#
                    case missing
                }
            }
            """,
            expandedSource: """
                struct Keyed: Decodable {
                    var id: Int
                    enum CodingKeys: String, CodingKey {
                        case id = #"ID"#
                        case missing
                    }
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "CodingKeys case 'id' has a raw value that is not a plain string literal; write it as "
                        + "'case id = \"column_name\"'",
                    line: 5, column: 19),
                DiagnosticSpec(
                    message: "CodingKeys case 'missing' names no stored property of 'Keyed'; rename the case or "
                        + "remove it",
                    line: 6, column: 14),
            ])
    }
}
