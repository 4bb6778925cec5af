import AuroraSQL
import Testing

/// `:name` placeholders as the Data API reads them, and the multi-statement check.
@Suite struct SQLScannerTests {
    struct PlaceholderCase: Sendable, CustomTestStringConvertible {
        var dialect: SQLDialect
        var sql: String
        var names: [String]
        var testDescription: String { "\(dialect): \(sql)" }
        init(_ dialect: SQLDialect, _ sql: String, _ names: [String]) {
            self.dialect = dialect
            self.sql = sql
            self.names = names
        }
    }

    static let cases: [PlaceholderCase] = [
        PlaceholderCase(.postgresql, "SELECT * FROM t WHERE a = :a AND b = :b_2", ["a", "b_2"]),
        PlaceholderCase(.postgresql, "SELECT ':x', \":y\", E'\\':z', $$:w$$, $t$ :v $t$ FROM t", []),
        PlaceholderCase(.postgresql, "SELECT 1 -- :x\n, 2 /* :y /* :z */ :w */ , :real", ["real"]),
        PlaceholderCase(.postgresql, "SELECT x::int, :id::int, (:n), f(:a,:b), :_u1", ["id", "n", "a", "b", "_u1"]),
        PlaceholderCase(.postgresql, "SELECT :a, :a, :A", ["a", "a", "A"]),
        PlaceholderCase(.postgresql, "SELECT arr[1:2], :1, ::text, a:=b", []),
        PlaceholderCase(.postgresql, "SELECT $1, a$b:c FROM t", ["c"]),
        PlaceholderCase(.postgresql, "INSERT INTO t VALUES (:id,:name);", ["id", "name"]),
        PlaceholderCase(.mysql, "SELECT :a, ':b', \":c\", `:d`, @v := :e, 1 # :f\n, :g -- :h\n, 5--:i", ["a", "e", "g", "i"]),
        PlaceholderCase(.mysql, "SELECT 'it\\':s', :x, /*! :y */ 1, /* :z */ 2", ["x"]),
        PlaceholderCase(.mysql, "CALL p(:in1, :out_2)", ["in1", "out_2"]),
        PlaceholderCase(.mysql, "SELECT :é, :a_é", ["a_"]),
        PlaceholderCase(.mysql, "lbl:BEGIN NOT ATOMIC SET @x = :v; a:loop LEAVE a; END LOOP a; END lbl", ["v"]),
        PlaceholderCase(.mysql, "SELECT x, :begin, y=:loop FROM t WHERE z = 1 OR w=:for", ["begin", "loop", "for"]),
    ]

    @Test(arguments: cases) func findsPlaceholders(_ testCase: PlaceholderCase) throws {
        let found = try SQLScanner.placeholders(in: testCase.sql, dialect: testCase.dialect)
        #expect(found.map(\.name) == testCase.names)
        let bytes = Array(testCase.sql.utf8)
        for placeholder in found {
            #expect(String(decoding: bytes[placeholder.utf8Range], as: UTF8.self) == ":" + placeholder.name)
        }
    }

    @Test func rangesAreUTF8Offsets() throws {
        let found = try SQLScanner.placeholders(in: "SELECT 'é', :x", dialect: .postgresql)
        #expect(found == [SQLPlaceholder(name: "x", utf8Range: 13..<15)])
    }

    @Test func positionalPostgreSQLReusesNumbers() throws {
        let rewritten = try SQLScanner.positional(
            "SELECT :a, ':a', :b::int, :a FROM t WHERE c = :c", dialect: .postgresql)
        #expect(rewritten.sql == "SELECT $1, ':a', $2::int, $1 FROM t WHERE c = $3")
        #expect(rewritten.parameterNames == ["a", "b", "c"])
    }

    @Test func positionalMySQLUsesOneMarkPerOccurrence() throws {
        let rewritten = try SQLScanner.positional("SELECT :a, ':a', `:a`, :b, :a", dialect: .mysql)
        #expect(rewritten.sql == "SELECT ?, ':a', `:a`, ?, ?")
        #expect(rewritten.parameterNames == ["a", "b", "a"])
    }

    @Test func rewriteCallsBackInOrder() throws {
        var seen: [String] = []
        let sql = try SQLScanner.rewritePlaceholders(in: "é :x, :y ñ", dialect: .postgresql) { placeholder, index in
            seen.append("\(index):\(placeholder.name)")
            return "<\(placeholder.name)>"
        }
        #expect(sql == "é <x>, <y> ñ")
        #expect(seen == ["0:x", "1:y"])
    }

    @Test func unterminatedTextIsAnError() {
        #expect(throws: SQLSplitError.self) { try SQLScanner.placeholders(in: "SELECT ':a", dialect: .postgresql) }
        #expect(throws: SQLSplitError.self) { try SQLScanner.placeholders(in: "SELECT $$ :a", dialect: .postgresql) }
        #expect(throws: SQLSplitError.self) { try SQLScanner.positional("SELECT `a, :b", dialect: .mysql) }
    }

    struct CountCase: Sendable, CustomTestStringConvertible {
        var dialect: SQLDialect
        var sql: String
        var count: Int
        var testDescription: String { "\(dialect): \(sql)" }
        init(_ dialect: SQLDialect, _ sql: String, _ count: Int) {
            self.dialect = dialect
            self.sql = sql
            self.count = count
        }
    }

    static let counts: [CountCase] = [
        CountCase(.postgresql, "SELECT 1", 1),
        CountCase(.postgresql, "SELECT 1;", 1),
        CountCase(.postgresql, "  SELECT 1 ; -- done\n", 1),
        CountCase(.postgresql, "SELECT 1; SELECT 2", 2),
        CountCase(.postgresql, "SELECT 1;; ;", 1),
        CountCase(.postgresql, ";", 0),
        CountCase(.postgresql, "-- nothing", 0),
        CountCase(.postgresql, "SELECT ';', $$;$$, \";\" /* ; */", 1),
        CountCase(.postgresql, "DO $$ BEGIN PERFORM 1; END $$;", 1),
        CountCase(.postgresql, "CREATE FUNCTION f() RETURNS int LANGUAGE SQL BEGIN ATOMIC SELECT 1; SELECT 2; END", 1),
        CountCase(.postgresql, "BEGIN; SELECT 1", 2),
        CountCase(.mysql, "SELECT 1; SELECT 2;", 2),
        CountCase(.mysql, "SELECT ';' # ;\n", 1),
        CountCase(.mysql, "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END", 1),
        CountCase(.mysql, "DELIMITER $$\nSELECT 1$$", 1),
        CountCase(.mysql, "SELECT 5--1; SELECT 2", 2),
    ]

    @Test(arguments: counts) func countsStatements(_ testCase: CountCase) throws {
        #expect(try SQLScanner.statementCount(in: testCase.sql, dialect: testCase.dialect) == testCase.count)
        #expect(try SQLScanner.isMultiStatement(testCase.sql, dialect: testCase.dialect) == (testCase.count > 1))
    }
}
