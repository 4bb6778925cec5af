import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import Foundation
import Testing

/// `aurora-data shell` with a script on stdin (a pipe, so batch mode), against the local endpoint on real
/// PostgreSQL and MariaDB, each test in a fresh database.
@Suite("aurora-data shell, batch mode")
struct ShellBatchTests {
    struct Harness {
        let endpoint: LocalEndpointFixture
        let database: String
        let environment: [String: String]

        init(_ engine: DatabaseEngine) async throws {
            endpoint = try await LocalEndpointFixture.shared(engine)
            database = try await endpoint.makeDatabase("shell")
            environment = ExecBinaryTests.environment(for: endpoint)
        }

        /// `aurora-data shell --database <database> <arguments>` with `script` on stdin.
        func shell(_ script: String, _ arguments: [String] = []) async throws -> ExecBinaryTests.Run {
            try await ExecBinaryTests.run(
                ["shell", "--database", database] + arguments, endpoint: endpoint.url, environment: environment,
                stdin: script)
        }
    }

    @Test("statements split by the engine's rules run in order; ';' in strings, comments and bodies don't split",
          arguments: [DatabaseEngine.postgresql, .mysql])
    func splitsAndRuns(_ engine: DatabaseEngine) async throws {
        let harness = try await Harness(engine)
        let body = engine == .postgresql
            ? "CREATE FUNCTION twice(x int) RETURNS int AS $$\nBEGIN\n  RETURN x * 2; -- ;\nEND;\n$$ LANGUAGE plpgsql;\n"
            : "DELIMITER //\nCREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC\nBEGIN\n  RETURN x * 2;\nEND//\nDELIMITER ;\n"
        let script = """
            CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));
            -- a comment; with a semicolon
            INSERT INTO notes (id, body) VALUES (1, 'one; two'),
              (2, 'three /* not a comment; */');
            /* a block; comment */ SELECT id, body FROM notes ORDER BY id;
            \(body)SELECT twice(21) AS answer
            """
        let run = try await harness.shell(script)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("2 rows updated"), "\(run.stdout)")
        #expect(run.stdout.contains(" 1 | one; two\n"), "\(run.stdout)")
        #expect(run.stdout.contains(" 2 | three /* not a comment; */\n"), "\(run.stdout)")
        #expect(run.stdout.hasSuffix("answer\n------\n    42\n(1 row)\n"), "\(run.stdout)")
        #expect(!run.stdout.contains("blog=>"))
    }

    @Test("the first error stops the run with exit code 1, naming the line; later statements don't run",
          arguments: [DatabaseEngine.postgresql, .mysql])
    func stopsAtFirstError(_ engine: DatabaseEngine) async throws {
        let harness = try await Harness(engine)
        let run = try await harness.shell("""
            CREATE TABLE t (id INT);
            INSERT INTO t (id) VALUES (1);
            SELECT nosuch
              FROM t;
            INSERT INTO t (id) VALUES (2);
            """)
        #expect(run.status == 1)
        #expect(run.stderr.contains("stdin:3: error: "), "\(run.stderr)")
        let check = try await harness.shell("SELECT COUNT(*) AS n FROM t;", ["--format", "csv"])
        #expect(check.stdout == "n\r\n1\r\n", "\(check.stdout) \(check.stderr)")

        let meta = try await harness.shell("SELECT 1 AS a;\n\\nosuch\nSELECT 2 AS b;\n")
        #expect(meta.status == 1)
        #expect(meta.stderr.contains("stdin:2: error: invalid command \\nosuch"), "\(meta.stderr)")
        #expect(meta.stdout.contains("a\n") && !meta.stdout.contains("b\n"), "\(meta.stdout)")
    }

    @Test("\\d shows types, NOT NULL, defaults and indexes; \\dt, \\dn and \\l list from the catalog",
          arguments: [DatabaseEngine.postgresql, .mysql])
    func describe(_ engine: DatabaseEngine) async throws {
        let harness = try await Harness(engine)
        let run = try await harness.shell("""
            CREATE TABLE posts (id INT PRIMARY KEY, title VARCHAR(200) NOT NULL, views INT DEFAULT 7, note TEXT);
            CREATE INDEX posts_title_idx ON posts (title);
            \\d posts
            \\dt
            \\dn
            \\l
            """)
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.stdout
        let lines = out.split(separator: "\n").map(String.init)
        let title = try #require(lines.first { $0.hasPrefix("title ") }, "\(out)")
        #expect(title.contains(engine == .postgresql ? "character varying(200)" : "varchar(200)"), "\(title)")
        #expect(title.contains("not null"), "\(title)")
        let views = try #require(lines.first { $0.hasPrefix("views ") }, "\(out)")
        #expect(views.hasSuffix("| 7"), "\(views)")
        #expect(!views.contains("not null"), "\(views)")
        #expect(out.contains("Indexes of posts"), "\(out)")
        #expect(lines.contains { $0.hasPrefix("posts_title_idx") && $0.contains("title") }, "\(out)")
        #expect(lines.contains { $0.contains("posts") && ($0.hasPrefix("public") || $0.hasPrefix("posts")) }, "\(out)")
        #expect(lines.contains { $0.hasPrefix(harness.database) }, "\\l lists the database: \(out)")

        let missing = try await harness.shell("\\d nosuch\n")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("did not find any table named nosuch"), "\(missing.stderr)")
    }

    @Test("\\begin/\\rollback and BEGIN/COMMIT map to Data API transactions; an open one is rolled back at the end",
          arguments: [DatabaseEngine.postgresql, .mysql])
    func transactions(_ engine: DatabaseEngine) async throws {
        let harness = try await Harness(engine)
        let run = try await harness.shell("""
            CREATE TABLE t (id INT);
            \\begin
            INSERT INTO t (id) VALUES (1);
            SELECT COUNT(*) AS inside FROM t;
            \\rollback
            SELECT COUNT(*) AS after_rollback FROM t;
            BEGIN;
            INSERT INTO t (id) VALUES (2);
            COMMIT;
            START TRANSACTION;
            INSERT INTO t (id) VALUES (3);
            """, ["--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("inside\r\n1\r\n"), "\(run.stdout)")
        #expect(run.stdout.contains("after_rollback\r\n0\r\n"), "\(run.stdout)")
        #expect(run.stderr.contains("The open transaction was rolled back: the input ended without COMMIT."), "\(run.stderr)")
        let check = try await harness.shell("SELECT id FROM t ORDER BY id;", ["--format", "json"])
        #expect(check.stdout == "[\n  {\"id\": 2}\n]\n", "\(check.stdout)")

        let twice = try await harness.shell("\\begin\n\\begin\n")
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("already open"), "\(twice.stderr)")
        let none = try await harness.shell("\\commit\n")
        #expect(none.status == 1)
        #expect(none.stderr.contains("no transaction is open"), "\(none.stderr)")
    }

    @Test("\\x, \\format, \\i, \\? and \\q")
    func metaCommands() async throws {
        let harness = try await Harness(.postgresql)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shell-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let included = dir.appendingPathComponent("part.sql")
        try "SELECT 'from file' AS source;\n".write(to: included, atomically: true, encoding: .utf8)
        let run = try await harness.shell("""
            \\x
            SELECT 1 AS id, NULL AS note;
            \\x off
            \\format json
            SELECT 2 AS id;
            \\format csv
            \\i \(included.path)
            \\?
            \\q
            SELECT 'not run' AS never;
            """)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("-[ RECORD 1 ]\nid   | 1\nnote | ∅\n[\n  {\"id\": 2}\n]\nsource\r\nfrom file\r\n"), "\(run.stdout)")
        #expect(run.stdout.contains("\\d NAME"), "\(run.stdout)")
        #expect(!run.stdout.contains("not run"))
        #expect(run.stderr.contains("Expanded display is on."), "\(run.stderr)")

        let badInclude = try await harness.shell("\\i \(dir.path)/missing.sql\nSELECT 1;\n")
        #expect(badInclude.status == 1)
        #expect(badInclude.stderr.contains("missing.sql cannot be read"), "\(badInclude.stderr)")
        let failingInclude = dir.appendingPathComponent("fail.sql")
        try "SELECT 1 AS one;\nSELECT FROM WHERE;\n".write(to: failingInclude, atomically: true, encoding: .utf8)
        let failing = try await harness.shell("\\i \(failingInclude.path)\nSELECT 3 AS three;\n")
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("fail.sql:2: error: "), "\(failing.stderr)")
        #expect(!failing.stdout.contains("three"))
    }

    @Test("\\timing prints each statement's time; \\o FILE sends results there until \\o")
    func timingAndOutputFile() async throws {
        let harness = try await Harness(.mysql)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("shell-out-\(UUID()).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try "old content\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try await harness.shell("""
            \\timing
            SELECT 1 AS t;
            \\timing off
            \\o \(file.path)
            SELECT 5 AS five;
            \\o
            SELECT 6 AS six;
            """)
        #expect(run.status == 0, "\(run.stderr)")
        let timing = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("Time: ") }, "\(run.stdout)")
        #expect(timing.hasSuffix(" ms") && timing.contains("."), "\(timing)")
        #expect(run.stdout.components(separatedBy: "Time: ").count == 2, "\(run.stdout)")
        #expect(!run.stdout.contains("five") && run.stdout.contains("six"), "\(run.stdout)")
        #expect(try String(contentsOf: file, encoding: .utf8) == "five\n----\n   5\n(1 row)\n")
    }

    @Test("NULL, the string 'NULL', NaN, blobs and JSON each look like themselves; \\pset null changes NULL",
          arguments: [DatabaseEngine.postgresql, .mysql])
    func distinctValues(_ engine: DatabaseEngine) async throws {
        let harness = try await Harness(engine)
        let json = #"{"a": 1, "b": [1, 2], "c": "x y"}"#
        // MariaDB knows a JSON column only from a table's column (JSON is LONGTEXT with a json_valid check).
        let select = engine == .postgresql
            ? "SELECT NULL AS n, 'NULL' AS s, '\\x0001ff'::bytea AS b, decode(repeat('ab', 40), 'hex') AS long_blob, j FROM docs;"
            : "SELECT NULL AS n, 'NULL' AS s, X'0001FF' AS b, UNHEX(REPEAT('AB', 40)) AS long_blob, j FROM docs;"
        let run = try await harness.shell("""
            CREATE TABLE docs (j \(engine == .postgresql ? "jsonb" : "JSON"));
            INSERT INTO docs (j) VALUES ('\(json)');
            \\x
            \(select)
            \\x off
            SELECT NULL AS value UNION ALL SELECT 'NULL';
            \\pset null '(null)'
            SELECT NULL AS n;
            """)
        #expect(run.status == 0, "\(run.stderr)")
        let longHex = "\\x" + String(repeating: "ab", count: 32) + "… (40 bytes)"
        #expect(run.stdout.hasSuffix("""
            -[ RECORD 1 ]-
            n         | ∅
            s         | NULL
            b         | \\x0001ff
            long_blob | \(longHex)
            j         | {"a":1,"b":[1,2],"c":"x y"}
            value
            -----
            ∅
            NULL
            (2 rows)
            n
            ------
            (null)
            (1 row)

            """), "\(run.stdout)")
        #expect(run.stderr.contains("Null display is \"(null)\"."), "\(run.stderr)")

        guard engine == .postgresql else { return }
        // A float NaN is a number (right-aligned); the text 'NaN' is not.
        let nan = try await harness.shell("SELECT CAST('NaN' AS double precision) AS double_nan, 'NaN' AS text_nan;")
        #expect(nan.stdout == "double_nan | text_nan\n-----------+---------\n       NaN | NaN\n(1 row)\n", "\(nan.stdout)")
    }

    @Test("connection errors use exec's exit codes")
    func configurationExitCode() async throws {
        var environment = ExecBinaryTests.environment
        environment["AURORA_RESOURCE_ARN"] = nil
        let run = try await ExecBinaryTests.run(["shell"], endpoint: "http://127.0.0.1:9", environment: environment, stdin: "SELECT 1;")
        #expect(run.status == 2, "\(run.stderr)")
    }
}
