import AuroraSQL
import Testing

/// One splitter test: a script and the statements (text and line) it must give.
struct SplitCase: Sendable, CustomTestStringConvertible {
    struct Expected: Sendable, Equatable, CustomStringConvertible {
        var text: String
        var line: Int
        var description: String { "\(line): \(text.debugDescription)" }
    }

    var name: String
    var script: String
    var expected: [Expected]
    var options = SQLSplitter.Options()

    init(_ name: String, _ script: String, _ expected: [(String, Int)], options: SQLSplitter.Options = .init()) {
        self.name = name
        self.script = script
        self.expected = expected.map { Expected(text: $0.0, line: $0.1) }
        self.options = options
    }

    var testDescription: String { name }

    func check(_ dialect: SQLDialect) throws {
        let statements = try SQLSplitter.split(script, dialect: dialect, options: options)
        #expect(statements.map { Expected(text: $0.text, line: $0.line) } == expected, "\(name)")
    }
}

/// One splitter test that must fail: the code and the line it must name.
struct FailCase: Sendable, CustomTestStringConvertible {
    var name: String
    var script: String
    var code: SQLSplitError.Code
    var line: Int

    init(_ name: String, _ script: String, _ code: SQLSplitError.Code, line: Int) {
        self.name = name
        self.script = script
        self.code = code
        self.line = line
    }

    var testDescription: String { name }

    func check(_ dialect: SQLDialect) {
        do {
            let statements = try SQLSplitter.split(script, dialect: dialect)
            Issue.record("\(name): expected \(code) at line \(line), got \(statements.map(\.text))")
        } catch {
            #expect(error.code == code, "\(name): \(error)")
            #expect(error.line == line, "\(name): \(error)")
            #expect(!error.message.isEmpty)
        }
    }
}
