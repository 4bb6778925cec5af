import ArgumentParser
import AuroraDataAPIModel
import Testing

@testable import AuroraDataCommands

@Suite("exec --param")
struct ExecParameterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var argument: String
        var expected: SqlParameter
        var testDescription: String { argument }
    }

    static let cases: [Case] = [
        Case(argument: "id=int:5", expected: SqlParameter(name: "id", value: .long(5))),
        Case(argument: "n=int:-9223372036854775808", expected: SqlParameter(name: "n", value: .long(.min))),
        Case(argument: "x=double:2.5", expected: SqlParameter(name: "x", value: .double(2.5))),
        Case(argument: "x=double:Infinity", expected: SqlParameter(name: "x", value: .double(.infinity))),
        Case(argument: "x=double:-Infinity", expected: SqlParameter(name: "x", value: .double(-.infinity))),
        Case(argument: "ok=bool:true", expected: SqlParameter(name: "ok", value: .bool(true))),
        Case(argument: "ok=bool:0", expected: SqlParameter(name: "ok", value: .bool(false))),
        Case(argument: "d=date:2024-02-29", expected: SqlParameter(name: "d", value: .string("2024-02-29"), typeHint: .date)),
        Case(argument: "t=time:04:58:22.320", expected: SqlParameter(name: "t", value: .string("04:58:22.32"), typeHint: .time)),
        Case(argument: "ts=timestamp:2024-01-02 03:04:05.5", expected: SqlParameter(name: "ts", value: .string("2024-01-02 03:04:05.5"), typeHint: .timestamp)),
        Case(argument: "ts=timestamp:2024-01-02T03:04:05+02:00", expected: SqlParameter(name: "ts", value: .string("2024-01-02 01:04:05"), typeHint: .timestamp)),
        Case(argument: "p=decimal:-12.50", expected: SqlParameter(name: "p", value: .string("-12.50"), typeHint: .decimal)),
        Case(argument: #"j=json:{"a":[1,2]}"#, expected: SqlParameter(name: "j", value: .string(#"{"a":[1,2]}"#), typeHint: .json)),
        Case(argument: "u=uuid:123E4567-E89B-12D3-A456-426614174000", expected: SqlParameter(name: "u", value: .string("123e4567-e89b-12d3-a456-426614174000"), typeHint: .uuid)),
        Case(argument: "b=blob:AAEC", expected: SqlParameter(name: "b", value: .blob([0, 1, 2]))),
        Case(argument: "n=null", expected: SqlParameter(name: "n", value: .null)),
        Case(argument: "s=string:null", expected: SqlParameter(name: "s", value: .string("null"))),
        Case(argument: "s=string:int:5", expected: SqlParameter(name: "s", value: .string("int:5"))),
        Case(argument: "url=http://example.com/a=b", expected: SqlParameter(name: "url", value: .string("http://example.com/a=b"))),
        Case(argument: "empty=", expected: SqlParameter(name: "empty", value: .string(""))),
    ]

    @Test("typed values", arguments: cases)
    func parses(_ testCase: Case) throws {
        #expect(try ExecParameter(argument: testCase.argument).parameter == testCase.expected)
    }

    @Test("bad input names the parameter and the expected form", arguments: [
        ("id", "expected name=value"),
        ("=5", "the name must be"),
        ("a-b=1", "the name must be"),
        ("id=int:five", "64-bit integer"),
        ("id=int:9223372036854775808", "64-bit integer"),
        ("x=double:1.5.2", "a number, NaN, Infinity or -Infinity"),
        ("ok=bool:yes", "true or false"),
        ("d=date:2023-02-29", "YYYY-MM-DD"),
        ("t=time:25:00:00", "HH:MM:SS"),
        ("ts=timestamp:yesterday", "YYYY-MM-DD HH:MM:SS"),
        ("p=decimal:1e5", "decimal number"),
        ("u=uuid:nope", "UUID"),
        ("b=blob:***", "base64"),
    ])
    func rejects(_ argument: String, _ expectedText: String) {
        let error = #expect(throws: ValidationError.self) { try ExecParameter(argument: argument) }
        #expect(error?.message.contains(expectedText) == true, "\(error?.message ?? "no error")")
    }
}
