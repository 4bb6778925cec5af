import AuroraSQL
import Testing

/// Splitting rules of migrations.md §4.1 and §4.3 for PostgreSQL / Aurora PostgreSQL.
@Suite struct SQLSplitterPostgreSQLTests {
    static let cases: [SplitCase] = [
        SplitCase(
            "pg-dollar-function: $$ plpgsql trigger function",
            """
            CREATE FUNCTION touch() RETURNS trigger AS $$
            BEGIN
              NEW.updated_at := now();
              RETURN NEW;
            END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION touch();
            """,
            [
                (
                    "CREATE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql",
                    1
                ),
                ("CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION touch()", 7),
            ]),
        SplitCase(
            "pg-tagged-dollar (migrations.md §4.4 verbatim)",
            """
            CREATE FUNCTION q() RETURNS text LANGUAGE plpgsql AS $body$
            DECLARE s text := $$inner; $$;
            BEGIN
              RETURN s || $x$;$x$;
            END
            $body$;
            SELECT q();
            """,
            [
                (
                    "CREATE FUNCTION q() RETURNS text LANGUAGE plpgsql AS $body$\nDECLARE s text := $$inner; $$;\nBEGIN\n  RETURN s || $x$;$x$;\nEND\n$body$",
                    1
                ),
                ("SELECT q()", 7),
            ]),
        SplitCase(
            "pg-do-block",
            "DO $$\nBEGIN\n  CREATE TYPE mood AS ENUM ('ok');\nEXCEPTION WHEN duplicate_object THEN NULL;\nEND\n$$;\nSELECT 1;",
            [
                ("DO $$\nBEGIN\n  CREATE TYPE mood AS ENUM ('ok');\nEXCEPTION WHEN duplicate_object THEN NULL;\nEND\n$$", 1),
                ("SELECT 1", 7),
            ]),
        SplitCase(
            "pg-dollar-not-quote: identifiers with $, positional parameters",
            """
            SELECT a$b, c$1, d$$ FROM t;
            PREPARE q (int) AS SELECT $1 + 1;
            SELECT 'SELECT $1 + 1';
            SELECT 1 AS "$$";
            SELECT $_$a;b$_$, $é$c;d$é$;
            """,
            [
                ("SELECT a$b, c$1, d$$ FROM t", 1), ("PREPARE q (int) AS SELECT $1 + 1", 2), ("SELECT 'SELECT $1 + 1'", 3),
                (#"SELECT 1 AS "$$""#, 4), ("SELECT $_$a;b$_$, $é$c;d$é$", 5),
            ]),
        SplitCase(
            "pg-strings: '' doubling, E'' escapes, literal backslash, U&'', $q$",
            #"""
            SELECT 'it''s;';
            SELECT E'esc\';', e'\\';
            SELECT 'C:\path\';
            SELECT U&'d\0061t\+000061;' UESCAPE '\', B'101', X'3B';
            SELECT $q$don't; stop$q$;
            SELECT 'a' 'b;'
            'c;';
            """#,
            [
                ("SELECT 'it''s;'", 1), (#"SELECT E'esc\';', e'\\'"#, 2), (#"SELECT 'C:\path\'"#, 3),
                (#"SELECT U&'d\0061t\+000061;' UESCAPE '\', B'101', X'3B'"#, 4), ("SELECT $q$don't; stop$q$", 5),
                ("SELECT 'a' 'b;'\n'c;'", 6),
            ]),
        SplitCase(
            "standard_conforming_strings off: backslash escapes in '…'",
            #"SELECT 'a\';b'; SELECT 2;"#,
            [(#"SELECT 'a\';b'"#, 1), ("SELECT 2", 1)],
            options: .init(syntax: .init(postgreSQLStandardConformingStrings: false))),
        SplitCase(
            "pg-quoted-ident",
            #"CREATE TABLE "we;ird""x" ("a'b" int);"# + "\nSELECT 1;",
            [(#"CREATE TABLE "we;ird""x" ("a'b" int)"#, 1), ("SELECT 1", 2)]),
        SplitCase(
            "pg-nested-comments",
            "/* outer /* inner; */ still; */ SELECT 1;\n-- comment with $$ and ' ;\nSELECT 2 /* a /* b */ c; */;",
            [("SELECT 1", 1), ("SELECT 2", 3)]),
        SplitCase(
            "-- always starts a comment, # and backtick are operators",
            "SELECT 5--1;\n+ 1;\nSELECT 1 # 2;\nSELECT `;",
            [("SELECT 5--1;\n+ 1", 1), ("SELECT 1 # 2", 3), ("SELECT `", 4)]),
        SplitCase(
            "pg-begin-atomic: SQL-standard body with CASE",
            """
            CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE SQL
            BEGIN ATOMIC
              INSERT INTO t VALUES (a);
              SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;
            END;
            CREATE PROCEDURE p() LANGUAGE SQL BEGIN ATOMIC; END;
            CREATE FUNCTION g(x int) RETURNS int RETURN CASE WHEN x > 0 THEN 1 END;
            SELECT f(1);
            """,
            [
                (
                    "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE SQL\nBEGIN ATOMIC\n  INSERT INTO t VALUES (a);\n  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;\nEND",
                    1
                ),
                ("CREATE PROCEDURE p() LANGUAGE SQL BEGIN ATOMIC; END", 6),
                ("CREATE FUNCTION g(x int) RETURNS int RETURN CASE WHEN x > 0 THEN 1 END", 7), ("SELECT f(1)", 8),
            ]),
        SplitCase(
            "pg-rule-parens",
            "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));\nSELECT 1;",
            [("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))", 1), ("SELECT 1", 2)]),
        SplitCase(
            "pg-json-ops: ?, ::, ->> with ; in JSON literals",
            """
            SELECT '{"a":";"}'::jsonb ? 'a';
            SELECT '{"b":1}'::jsonb ->> 'b', '{"c":2}'::jsonb @> '{"c":2}', '[1]'::jsonb ?| array['x;'];
            """,
            [
                (#"SELECT '{"a":";"}'::jsonb ? 'a'"#, 1),
                (#"SELECT '{"b":1}'::jsonb ->> 'b', '{"c":2}'::jsonb @> '{"c":2}', '[1]'::jsonb ?| array['x;']"#, 2),
            ]),
        SplitCase(
            "CRLF, BOM and a comment-only tail",
            "\u{FEFF}-- head\r\nCREATE TABLE a (b text DEFAULT 'x\r\ny');\r\n\r\nSELECT 1;\r\n-- tail\r\n",
            [("CREATE TABLE a (b text DEFAULT 'x\r\ny')", 2), ("SELECT 1", 5)]),
        SplitCase(
            "psql-looking text inside literals and comments is fine",
            "SELECT '\\connect x';\n-- \\i file.sql\nSELECT $$\\copy$$;",
            [("SELECT '\\connect x'", 1), ("SELECT $$\\copy$$", 3)]),
    ]

    @Test(arguments: cases) func splits(_ testCase: SplitCase) throws {
        try testCase.check(.postgresql)
    }

    static let failures: [FailCase] = [
        FailCase("unterminated string", "SELECT 1;\n\nSELECT 'abc;\n", .unterminatedString, line: 3),
        FailCase("unterminated E string", "SELECT E'abc\\';", .unterminatedString, line: 1),
        FailCase("unterminated identifier", "SELECT 1;\nSELECT \"a;", .unterminatedQuotedIdentifier, line: 2),
        FailCase("unterminated nested comment", "SELECT 1;\n/* a /* b */\n;", .unterminatedComment, line: 2),
        FailCase("unterminated dollar quote", "SELECT 1;\nDO $body$ BEGIN END $$;\nSELECT 2;", .unterminatedDollarQuote, line: 2),
        FailCase(
            "pg-copy-stdin", "CREATE TABLE t (a text);\nCOPY t (a) FROM stdin;\nit's; data\n\\.\nSELECT 1;", .clientCommand,
            line: 2),
        FailCase("COPY TO STDOUT", "COPY (SELECT 1) TO STDOUT;", .clientCommand, line: 1),
        FailCase("psql \\connect", "\\connect other\nSELECT 1;", .clientCommand, line: 1),
        FailCase("psql \\i", "SELECT 1;\n\\i other.sql\n", .clientCommand, line: 2),
        FailCase("psql \\set", "SELECT 1;\n\n\\set x 1\nSELECT :x;", .clientCommand, line: 3),
        FailCase("BEGIN", "BEGIN;\nSELECT 1;\nCOMMIT;", .transactionControl, line: 1),
        FailCase("END", "SELECT 1;\nEND;", .transactionControl, line: 2),
        FailCase("ABORT", "ABORT;", .transactionControl, line: 1),
        FailCase("START TRANSACTION", "START TRANSACTION ISOLATION LEVEL SERIALIZABLE;", .transactionControl, line: 1),
        FailCase("PREPARE TRANSACTION", "PREPARE TRANSACTION 'x';", .transactionControl, line: 1),
        FailCase("RELEASE", "RELEASE SAVEPOINT s;", .transactionControl, line: 1),
    ]

    @Test(arguments: failures) func refuses(_ testCase: FailCase) {
        testCase.check(.postgresql)
    }

    @Test func flagsStatementsThatCannotRunInATransaction() throws {
        let script = """
            CREATE INDEX CONCURRENTLY i1 ON t (a);
            CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i2 ON t (b);
            DROP INDEX CONCURRENTLY IF EXISTS i1;
            VACUUM ANALYZE t;
            REINDEX SCHEMA public;
            REINDEX (VERBOSE) TABLE CONCURRENTLY t;
            ALTER SYSTEM SET work_mem = '64MB';
            CREATE DATABASE d;
            DROP TABLESPACE s;
            DISCARD ALL;
            CREATE INDEX i3 ON t (c);
            REINDEX TABLE t;
            ALTER TYPE public.mood ADD VALUE 'meh';
            CREATE TABLE concurrently (a int);
            """
        let flags = try SQLSplitter.split(script, dialect: .postgresql).map(\.cannotRunInTransaction)
        #expect(flags == Array(repeating: true, count: 10) + [false, false, false, false])
        let old = try SQLSplitter.split(
            "ALTER TYPE public.mood ADD VALUE 'meh';", dialect: .postgresql,
            options: .init(postgreSQLMajorVersion: 11))
        #expect(old.map(\.cannotRunInTransaction) == [true])
    }

    @Test func flagsRoutinesAndAllowedTransactionControl() throws {
        let statements = try SQLSplitter.split(
            "CREATE FUNCTION f() RETURNS int LANGUAGE SQL BEGIN ATOMIC SELECT 1; END;\nBEGIN;\nCOMMIT;\nSELECT 1;",
            dialect: .postgresql, options: .init(allowTransactionControl: true))
        #expect(statements.map(\.isStoredProgram) == [true, false, false, false])
        #expect(statements.map(\.isTransactionControl) == [false, true, true, false])
    }

    /// migrations.md §4.4: `SELECT 'C:\path\';` is complete in PostgreSQL and unterminated in MySQL.
    @Test func backslashDivergence() throws {
        let script = #"SELECT 'C:\path\';"#
        #expect(try SQLSplitter.split(script, dialect: .postgresql).map(\.text) == [#"SELECT 'C:\path\'"#])
        #expect(throws: SQLSplitError.self) { try SQLSplitter.split(script, dialect: .mysql) }
    }
}
