import AuroraSQL
import Testing

/// Splitting rules of migrations.md §4.1–4.2 for MySQL / Aurora MySQL.
@Suite struct SQLSplitterMySQLTests {
    static let cases: [SplitCase] = [
        SplitCase(
            "my-basic: whitespace, missing final delimiter",
            "CREATE TABLE a (id INT);\n\n  INSERT INTO a VALUES (1)\n",
            [("CREATE TABLE a (id INT)", 1), ("INSERT INTO a VALUES (1)", 3)]),
        SplitCase(
            "my-empty-stmts: ;; and a comment-only tail",
            ";;\nSELECT 1;;\n ; \n-- only a comment ;\n/* and another */",
            [("SELECT 1", 2)]),
        SplitCase("comment-only script", "-- a\n# b\n/* c; */\n\n", []),
        SplitCase("empty script", "", []),
        SplitCase(
            "my-strings: quotes and escapes",
            #"""
            SELECT 'a;b';
            SELECT 'it''s;';
            SELECT 'back\\slash;';
            SELECT 'esc\';aped';
            SELECT "dq;str", "d\"q;", "d""q;";
            SELECT _utf8mb4'x;', N'y;', X'3B', B'1';
            """#,
            [
                ("SELECT 'a;b'", 1), ("SELECT 'it''s;'", 2), (#"SELECT 'back\\slash;'"#, 3),
                (#"SELECT 'esc\';aped'"#, 4), (#"SELECT "dq;str", "d\"q;", "d""q;""#, 5),
                ("SELECT _utf8mb4'x;', N'y;', X'3B', B'1'", 6),
            ]),
        SplitCase(
            "my-backtick",
            "CREATE TABLE `we;ird``name` (`a;` INT);\nSELECT `'`, '`;';",
            [("CREATE TABLE `we;ird``name` (`a;` INT)", 1), ("SELECT `'`, '`;'", 2)]),
        SplitCase(
            "my-comments: -- needs a blank or control character, # to end of line, /* */",
            """
            -- ;
            # ;
            /* ; */
            SELECT '--not a comment;';
            SELECT 5--1;
            SELECT 6 -- trailing; comment
            ;
            SELECT 7 # ; x
            , 8;
            SELECT 9 /* ; */ + 1;
            SELECT 10 --\tx;
            SELECT 11 --
            ;
            """,
            [
                ("SELECT '--not a comment;'", 4), ("SELECT 5--1", 5), ("SELECT 6", 6), ("SELECT 7 # ; x\n, 8", 8),
                ("SELECT 9 /* ; */ + 1", 10), ("SELECT 10 --\tx;\nSELECT 11", 11),
            ]),
        SplitCase(
            "comments do not nest in MySQL",
            "/* a /* b */ SELECT 1;\nSELECT 2 /* x /* y */;",
            [("SELECT 1", 1), ("SELECT 2", 2)]),
        SplitCase(
            "my-exec-comment: /*! */ and /*!NNNNN */ kept",
            """
            /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
            /*!50001 CREATE VIEW v AS SELECT 1 */;
            /*M!100100 SET @y = 1 */;
            -- leading comment dropped
            SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1;
            """,
            [
                ("/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */", 1),
                ("/*!50001 CREATE VIEW v AS SELECT 1 */", 2), ("/*M!100100 SET @y = 1 */", 3),
                ("SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1", 5),
            ]),
        SplitCase(
            "my-delimiter: DELIMITER $$ … END$$ … DELIMITER ;",
            """
            DELIMITER $$
            CREATE PROCEDURE p()
            BEGIN
              SELECT 1;
            END$$
            DELIMITER ;
            SELECT 2;
            """,
            [("CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND", 2), ("SELECT 2", 7)]),
        SplitCase(
            "my-delimiter-in-string",
            """
            delimiter //
            CREATE FUNCTION f() RETURNS TEXT DETERMINISTIC
            BEGIN
              RETURN 'a//b;';
            END //
            SELECT 1// SELECT 2 //
            DELIMITER ;
            SELECT f();
            """,
            [
                ("CREATE FUNCTION f() RETURNS TEXT DETERMINISTIC\nBEGIN\n  RETURN 'a//b;';\nEND", 2), ("SELECT 1", 6),
                ("SELECT 2", 6), ("SELECT f()", 8),
            ]),
        SplitCase(
            "DELIMITER with a quoted and a multi-character argument",
            "DELIMITER ';;' \nSELECT 1;;\nDELIMITER ;\nSELECT 2;",
            [("SELECT 1", 2), ("SELECT 2", 4)]),
        SplitCase(
            "DELIMITER only starts a directive at the start of a statement",
            "SELECT 1 AS\nDELIMITER;\nSELECT delimiter FROM t;",
            [("SELECT 1 AS\nDELIMITER", 1), ("SELECT delimiter FROM t", 3)]),
        SplitCase(
            "my-begin-end-no-delimiter (migrations.md §4.4 verbatim)",
            """
            CREATE TABLE audit (n INT);
            CREATE TRIGGER trg BEFORE INSERT ON audit FOR EACH ROW
            BEGIN
              IF NEW.n < 0 THEN
                SET NEW.n = 0;
              END IF;
              CASE WHEN NEW.n > 10 THEN SET NEW.n = 10; ELSE BEGIN END; END CASE;
            END;
            CREATE PROCEDURE p2()
            lbl: BEGIN
              DECLARE i INT DEFAULT 0;
              WHILE i < 3 DO
                SET i = i + 1;
              END WHILE;
              REPEAT SET i = i - 1; UNTIL i = 0 END REPEAT;
              LEAVE lbl;
            END lbl;
            INSERT INTO audit VALUES (-5);
            """,
            [
                ("CREATE TABLE audit (n INT)", 1),
                (
                    """
                    CREATE TRIGGER trg BEFORE INSERT ON audit FOR EACH ROW
                    BEGIN
                      IF NEW.n < 0 THEN
                        SET NEW.n = 0;
                      END IF;
                      CASE WHEN NEW.n > 10 THEN SET NEW.n = 10; ELSE BEGIN END; END CASE;
                    END
                    """, 2
                ),
                (
                    """
                    CREATE PROCEDURE p2()
                    lbl: BEGIN
                      DECLARE i INT DEFAULT 0;
                      WHILE i < 3 DO
                        SET i = i + 1;
                      END WHILE;
                      REPEAT SET i = i - 1; UNTIL i = 0 END REPEAT;
                      LEAVE lbl;
                    END lbl
                    """, 9
                ),
                ("INSERT INTO audit VALUES (-5)", 18),
            ]),
        SplitCase(
            "stored programs: DEFINER, OR REPLACE, AGGREGATE, EVENT, LOOP, FOR, CASE expression, nested blocks",
            """
            CREATE DEFINER=`admin`@`%` PROCEDURE p() BEGIN DECLARE CONTINUE HANDLER FOR NOT FOUND BEGIN SET @x = 1; END; l: LOOP LEAVE l; END LOOP l; END;
            CREATE DEFINER = 'a'@'localhost' FUNCTION f(x INT) RETURNS INT DETERMINISTIC BEGIN RETURN CASE WHEN x > 0 THEN 1 ELSE 0 END; END;
            CREATE OR REPLACE DEFINER=CURRENT_USER() TRIGGER t AFTER UPDATE ON a FOR EACH ROW BEGIN IF (1) THEN SET @y = 2; ELSEIF 2 THEN SET @y = 3; END IF; END;
            CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM a; FOR i IN 1..3 DO SET @z = i; END FOR; END;
            CREATE AGGREGATE FUNCTION agg(x INT) RETURNS INT BEGIN DECLARE CONTINUE HANDLER FOR NOT FOUND RETURN 0; LOOP FETCH GROUP NEXT ROW; END LOOP; END;
            CREATE FUNCTION g() RETURNS INT DETERMINISTIC RETURN 1;
            CREATE TRIGGER t2 BEFORE INSERT ON a FOR EACH ROW SET NEW.x = 1;
            BEGIN NOT ATOMIC DECLARE x INT; SET x = 1; END;
            SELECT 1;
            """,
            [
                (
                    "CREATE DEFINER=`admin`@`%` PROCEDURE p() BEGIN DECLARE CONTINUE HANDLER FOR NOT FOUND BEGIN SET @x = 1; END; l: LOOP LEAVE l; END LOOP l; END",
                    1
                ),
                (
                    "CREATE DEFINER = 'a'@'localhost' FUNCTION f(x INT) RETURNS INT DETERMINISTIC BEGIN RETURN CASE WHEN x > 0 THEN 1 ELSE 0 END; END",
                    2
                ),
                (
                    "CREATE OR REPLACE DEFINER=CURRENT_USER() TRIGGER t AFTER UPDATE ON a FOR EACH ROW BEGIN IF (1) THEN SET @y = 2; ELSEIF 2 THEN SET @y = 3; END IF; END",
                    3
                ),
                (
                    "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM a; FOR i IN 1..3 DO SET @z = i; END FOR; END",
                    4
                ),
                (
                    "CREATE AGGREGATE FUNCTION agg(x INT) RETURNS INT BEGIN DECLARE CONTINUE HANDLER FOR NOT FOUND RETURN 0; LOOP FETCH GROUP NEXT ROW; END LOOP; END",
                    5
                ),
                ("CREATE FUNCTION g() RETURNS INT DETERMINISTIC RETURN 1", 6),
                ("CREATE TRIGGER t2 BEFORE INSERT ON a FOR EACH ROW SET NEW.x = 1", 7),
                ("BEGIN NOT ATOMIC DECLARE x INT; SET x = 1; END", 8),
                ("SELECT 1", 9),
            ]),
        SplitCase(
            "a labelled BEGIN NOT ATOMIC at top level, with and without a space after the label",
            """
            outer: BEGIN NOT ATOMIC DECLARE x INT; inner:BEGIN SET x = 1; END inner; SET x = 2; END outer;
            lbl:BEGIN NOT ATOMIC SELECT 1; END lbl;
            SELECT 2;
            """,
            [
                ("outer: BEGIN NOT ATOMIC DECLARE x INT; inner:BEGIN SET x = 1; END inner; SET x = 2; END outer", 1),
                ("lbl:BEGIN NOT ATOMIC SELECT 1; END lbl", 2),
                ("SELECT 2", 3),
            ]),
        SplitCase(
            "a table named like a routine kind is no stored program",
            "CREATE TABLE function (begin INT);\nCREATE DEFINER=x@y VIEW v AS SELECT function FROM t;\nSELECT 1;",
            [
                ("CREATE TABLE function (begin INT)", 1), ("CREATE DEFINER=x@y VIEW v AS SELECT function FROM t", 2),
                ("SELECT 1", 3),
            ]),
        SplitCase(
            "my-crlf-bom: line numbers, CRLF inside a string preserved",
            "\u{FEFF}SELECT 1;\r\nSELECT 'a\r\nb';\r\n\r\nSELECT 3;\rSELECT 4",
            [("SELECT 1", 1), ("SELECT 'a\r\nb'", 2), ("SELECT 3", 5), ("SELECT 4", 6)]),
        SplitCase(
            "my-sample-v2: DDL and an INSERT with ; in the title",
            """
            CREATE TABLE IF NOT EXISTS posts (
              id INT AUTO_INCREMENT PRIMARY KEY,
              title VARCHAR(255) NOT NULL DEFAULT '',
              body TEXT
            );
            INSERT INTO posts (title, body) VALUES ('Hello; world', 'it''s "fine"; really');
            """,
            [
                (
                    "CREATE TABLE IF NOT EXISTS posts (\n  id INT AUTO_INCREMENT PRIMARY KEY,\n  title VARCHAR(255) NOT NULL DEFAULT '',\n  body TEXT\n)",
                    1
                ),
                (#"INSERT INTO posts (title, body) VALUES ('Hello; world', 'it''s "fine"; really')"#, 6),
            ]),
        SplitCase(
            "NO_BACKSLASH_ESCAPES and ANSI_QUOTES",
            #"SELECT 'C:\path\'; SELECT "a;""b" FROM t;"#,
            [(#"SELECT 'C:\path\'"#, 1), (#"SELECT "a;""b" FROM t"#, 1)],
            options: .init(syntax: .init(mysqlBackslashEscapes: false, mysqlANSIQuotes: true))),
        SplitCase(
            "transaction control allowed on request",
            "BEGIN;\nINSERT INTO a VALUES (1);\nCOMMIT;",
            [("BEGIN", 1), ("INSERT INTO a VALUES (1)", 2), ("COMMIT", 3)],
            options: .init(allowTransactionControl: true)),
        SplitCase(
            "unicode identifiers and text",
            "CREATE TABLE ñandú (größe TEXT DEFAULT 'é;😀');\nSELECT größe FROM ñandú;",
            [("CREATE TABLE ñandú (größe TEXT DEFAULT 'é;😀')", 1), ("SELECT größe FROM ñandú", 2)]),
    ]

    @Test(arguments: cases) func splits(_ testCase: SplitCase) throws {
        try testCase.check(.mysql)
    }

    static let failures: [FailCase] = [
        FailCase("unterminated string names its line", "SELECT 1;\nSELECT 'abc;\nSELECT 2;", .unterminatedString, line: 2),
        FailCase("backslash escapes the closing quote", "SELECT 1;\n\nSELECT 'C:\\path\\';", .unterminatedString, line: 3),
        FailCase("unterminated double-quoted string", "SELECT \"abc\\\";", .unterminatedString, line: 1),
        FailCase("unterminated backtick", "SELECT 1;\nSELECT `a;\n", .unterminatedQuotedIdentifier, line: 2),
        FailCase("unterminated comment", "SELECT 1;\n\n/* x\n;", .unterminatedComment, line: 3),
        FailCase("unterminated executable comment", "/*!40101 SET x = 1;", .unterminatedComment, line: 1),
        FailCase("my-begin-is-transaction", "CREATE TABLE a (id INT);\nBEGIN;\nINSERT INTO a VALUES (1);", .transactionControl, line: 2),
        FailCase("BEGIN WORK", "BEGIN WORK;", .transactionControl, line: 1),
        FailCase("START TRANSACTION", "\n  start transaction read write;", .transactionControl, line: 2),
        FailCase("COMMIT", "SELECT 1;\nCOMMIT", .transactionControl, line: 2),
        FailCase("ROLLBACK", "ROLLBACK;", .transactionControl, line: 1),
        FailCase("SAVEPOINT", "SAVEPOINT s;", .transactionControl, line: 1),
        FailCase("XA", "XA START 'x';", .transactionControl, line: 1),
        FailCase("USE", "SELECT 1;\nUSE other;\nSELECT 2;", .sessionState, line: 2),
        FailCase("SOURCE", "SOURCE other.sql;", .clientCommand, line: 1),
        FailCase("client command", "SELECT 1;\n\\. other.sql\nSELECT 2;", .clientCommand, line: 2),
        FailCase("DELIMITER without argument", "SELECT 1;\nDELIMITER\nSELECT 2;", .invalidDelimiter, line: 2),
        FailCase("DELIMITER with a backslash", "DELIMITER \\\\\nSELECT 2;", .invalidDelimiter, line: 1),
        FailCase("DELIMITER too long", "\nDELIMITER 0123456789abcdef\nSELECT 2;", .invalidDelimiter, line: 2),
    ]

    @Test(arguments: failures) func refuses(_ testCase: FailCase) {
        testCase.check(.mysql)
    }

    @Test func flagsStatements() throws {
        let statements = try SQLSplitter.split(
            "CREATE PROCEDURE p() BEGIN SELECT 1; END;\nSTART TRANSACTION;\nCREATE INDEX CONCURRENTLY i ON t (a);",
            dialect: .mysql, options: .init(allowTransactionControl: true))
        #expect(statements.map(\.isStoredProgram) == [true, false, false])
        #expect(statements.map(\.isTransactionControl) == [false, true, false])
        #expect(statements.map(\.cannotRunInTransaction) == [false, false, false])
    }

    @Test func rangesPointIntoTheScript() throws {
        let script = "\u{FEFF}-- c\nSELECT 'é';\nSELECT 2"
        let bytes = Array(script.utf8)
        for statement in try SQLSplitter.split(script, dialect: .mysql) {
            #expect(String(decoding: bytes[statement.utf8Range], as: UTF8.self) == statement.text)
        }
    }
}
