import AuroraSQL
import Testing

@testable import AuroraDataCommands

@Suite("shell: when the typed lines end a statement")
struct ShellStatementBufferTests {
    /// The state after each line.
    private func states(_ lines: [String], _ dialect: SQLDialect) -> [ShellStatementBuffer.State] {
        var buffer = ShellStatementBuffer(dialect: dialect)
        return lines.enumerated().map { index, line in
            buffer.append(line, lineNumber: index + 1)
            return buffer.state
        }
    }

    @Test func semicolonsInsideLiteralsAndCommentsDoNotEndAStatement() {
        #expect(states(["SELECT 'a;", "b;';"], .postgresql) == [.open, .complete])
        #expect(states(["SELECT 1 -- done;", ";"], .postgresql) == [.open, .complete])
        #expect(states(["SELECT /* ;", "*/ 1;"], .mysql) == [.open, .complete])
        #expect(states(["SELECT 1 # ;", ";"], .mysql) == [.open, .complete])
        #expect(states(["SELECT 1; -- trailing"], .postgresql) == [.complete])
        #expect(states(["-- only a comment", ""], .postgresql) == [.blank, .blank])
    }

    @Test func dollarQuotedBodyRunsToItsClosingTag() {
        let lines = ["CREATE FUNCTION f() RETURNS int AS $body$", "BEGIN RETURN 1; END;", "$body$ LANGUAGE plpgsql;"]
        #expect(states(lines, .postgresql) == [.open, .open, .complete])
    }

    @Test func takeReturnsTheTextWithItsFirstLineAndEmptiesTheBuffer() {
        var buffer = ShellStatementBuffer(dialect: .postgresql)
        buffer.append("", lineNumber: 4)
        buffer.append("SELECT 1;", lineNumber: 5)
        let pending = buffer.take()
        #expect(pending?.text == "\nSELECT 1;\n")
        #expect(pending?.firstLine == 4)
        #expect(buffer.state == .blank)
        #expect(buffer.take() == nil)
    }

    @Test func mysqlDelimiterStaysInForceAcrossStatements() throws {
        var buffer = ShellStatementBuffer(dialect: .mysql)
        buffer.append("DELIMITER $$", lineNumber: 1)
        #expect(buffer.state == .blank)
        buffer.append("CREATE PROCEDURE p() BEGIN SELECT 1; END$$", lineNumber: 2)
        #expect(buffer.state == .complete)
        let taken = buffer.take()
        let first = try #require(taken)
        let statements = try SQLSplitter.split(first.text, dialect: .mysql)
        #expect(statements.map(\.text) == ["CREATE PROCEDURE p() BEGIN SELECT 1; END"])
        #expect(first.firstLine + statements[0].line - 1 == 2)
        buffer.append("CREATE PROCEDURE q() BEGIN SELECT 2; END$$", lineNumber: 3)
        #expect(buffer.state == .complete)
        _ = buffer.take()
        buffer.append("DELIMITER ;", lineNumber: 4)
        buffer.append("SELECT 3;", lineNumber: 5)
        #expect(buffer.take()?.text == "SELECT 3;\n")
    }
}
