import AuroraSQL
import Testing

/// Deterministic fuzzing: thousands of inputs glued from SQL fragments, quotes, comment openers, dollar tags,
/// delimiters and random text. Nothing may crash or hang, and whatever comes back must be consistent with the
/// input.
@Suite(.timeLimit(.minutes(2))) struct SQLFuzzTests {
    /// SplitMix64: a fixed seed gives the same inputs on every run and platform.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let fragments = [
        "SELECT 1", "INSERT INTO t VALUES (1)", " ", "  ", "\n", "\r\n", "\r", "\t", ";", ";;", "'", "''", "\"", "\"\"", "`",
        "--", "-- ", "-", "#", "/*", "*/", "/*!", "/*!50001 ", "*", "/", "$$", "$a$", "$b$", "$1", "$", "E'", "e'", "U&'",
        "\\", "\\'", "\\\\", "(", ")", "BEGIN", "BEGIN ATOMIC", "BEGIN NOT ATOMIC", "END", "END IF", "END CASE", "CASE", "IF",
        "LOOP", "END LOOP", "WHILE", "REPEAT", "lbl:", "CREATE PROCEDURE p() ", "CREATE FUNCTION f() ",
        "CREATE OR REPLACE FUNCTION g() ", "CREATE TRIGGER t ", "CREATE DEFINER=`a`@`%` EVENT e ", "DELIMITER ",
        "DELIMITER $$\n", "DELIMITER ;\n", "DELIMITER //\n", "delimiter ;;\n", "DELIMITER\n", "//", "END$$", ":", "::",
        ":name", ":n_1", ":=", "@v", "é", "😀", "\u{FEFF}", "\u{0}", "x", "1", "COPY t FROM STDIN", "USE db", "SOURCE f",
        "COMMIT", "START TRANSACTION", "VACUUM", "CREATE INDEX CONCURRENTLY i ON t (a)", "\\connect db", "\\.",
    ]

    static func randomInput(_ random: inout SplitMix64) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...40, using: &random) {
            switch Int.random(in: 0..<10, using: &random) {
            case 0:
                let count = Int.random(in: 1...6, using: &random)
                let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
                text += String(decoding: bytes, as: UTF8.self)
            case 1:
                text.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: 0...0xD7FF, using: &random)) ?? "?")
            default:
                text += fragments.randomElement(using: &random) ?? ""
            }
        }
        return text
    }

    /// 1-based line of a UTF-8 offset, counted independently of the library (LF, CRLF, lone CR).
    static func line(at offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        for index in 0..<offset {
            let isCR = bytes[index] == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)
            if bytes[index] == 0x0A || isCR { line += 1 }
        }
        return line
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    @Test(arguments: SQLDialect.allCases) func splitterInvariants(_ dialect: SQLDialect) {
        var random = SplitMix64(state: dialect == .mysql ? 1 : 2)
        var outcomes = (statements: 0, errors: 0)
        for _ in 0..<4000 {
            let script = Self.randomInput(&random)
            let bytes = Array(script.utf8)
            let lineCount = Self.line(at: bytes.count, in: bytes)
            do {
                let options = SQLSplitter.Options(allowTransactionControl: Bool.random(using: &random))
                let statements = try SQLSplitter.split(script, dialect: dialect, options: options)
                var previousEnd = 0
                var previousLine = 1
                for statement in statements {
                    outcomes.statements += 1
                    #expect(statement.utf8Range.lowerBound >= previousEnd, "\(script.debugDescription)")
                    #expect(String(decoding: bytes[statement.utf8Range], as: UTF8.self) == statement.text)
                    #expect(!statement.text.isEmpty)
                    #expect(!Self.isBlank(bytes[statement.utf8Range.lowerBound]))
                    #expect(!Self.isBlank(bytes[statement.utf8Range.upperBound - 1]))
                    #expect(statement.line == Self.line(at: statement.utf8Range.lowerBound, in: bytes))
                    #expect(statement.line >= previousLine)
                    if dialect == .postgresql {
                        // A statement on its own is one statement for the server.
                        let count = try? SQLScanner.statementCount(in: statement.text, dialect: dialect)
                        #expect(count == 1, "\(statement.text.debugDescription)")
                    }
                    previousEnd = statement.utf8Range.upperBound
                    previousLine = statement.line
                }
            } catch {
                outcomes.errors += 1
                #expect((1...lineCount).contains(error.line), "\(error) in \(script.debugDescription)")
                #expect(!error.message.isEmpty)
            }
        }
        // The generator must reach both outcomes often, or the fuzzing proves little.
        #expect(outcomes.statements > 500)
        #expect(outcomes.errors > 500)
    }

    @Test(arguments: SQLDialect.allCases) func scannerInvariants(_ dialect: SQLDialect) {
        var random = SplitMix64(state: dialect == .mysql ? 3 : 4)
        for _ in 0..<4000 {
            let sql = Self.randomInput(&random)
            let bytes = Array(sql.utf8)
            do {
                let placeholders = try SQLScanner.placeholders(in: sql, dialect: dialect)
                var previousEnd = 0
                for placeholder in placeholders {
                    #expect(placeholder.utf8Range.lowerBound >= previousEnd)
                    #expect(String(decoding: bytes[placeholder.utf8Range], as: UTF8.self) == ":" + placeholder.name)
                    let name = Array(placeholder.name.utf8)
                    #expect(name.allSatisfy { $0 == 0x5F || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) })
                    #expect(name.first.map { $0 < 0x30 || $0 > 0x39 } == true)
                    previousEnd = placeholder.utf8Range.upperBound
                }
                let names = placeholders.map(\.name)
                let positional = try SQLScanner.positional(sql, dialect: dialect)
                switch dialect {
                case .mysql: #expect(positional.parameterNames == names)
                case .postgresql:
                    let distinct = names.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                    #expect(positional.parameterNames == distinct)
                }
                #expect(try SQLScanner.statementCount(in: sql, dialect: dialect) >= 0)
            } catch {
                #expect(error.line >= 1)
            }
        }
    }

    /// Long runs of openers and closers: must finish (linear scanning) and not overflow the stack.
    @Test(arguments: SQLDialect.allCases) func pathologicalInputsTerminate(_ dialect: SQLDialect) throws {
        let inputs = [
            String(repeating: "/*", count: 50_000) + String(repeating: "*/", count: 50_000),
            String(repeating: "$a$", count: 30_001),
            String(repeating: "(", count: 100_000) + ";" + String(repeating: ")", count: 100_000),
            String(repeating: "BEGIN ", count: 20_000) + ";",
            "CREATE PROCEDURE p() " + String(repeating: "BEGIN ", count: 20_000) + String(repeating: "END; ", count: 20_000),
            "DELIMITER " + String(repeating: "x", count: 1_000) + "\n" + String(repeating: "x", count: 100_000),
            String(repeating: "'", count: 100_001),
            String(repeating: "\\", count: 100_000),
            String(repeating: ":a", count: 50_000),
            String(repeating: ";", count: 100_000),
            String(repeating: "\r\n", count: 100_000) + "'",
        ]
        for input in inputs {
            _ = try? SQLSplitter.split(input, dialect: dialect)
            _ = try? SQLScanner.placeholders(in: input, dialect: dialect)
            _ = try? SQLScanner.statementCount(in: input, dialect: dialect)
        }
        #expect(try SQLScanner.placeholders(in: String(repeating: ":a", count: 50_000), dialect: dialect).count == 50_000)
        #expect(throws: SQLSplitError.self) { try SQLSplitter.split(String(repeating: "\r\n", count: 1_000) + "'", dialect: dialect) }
    }
}
