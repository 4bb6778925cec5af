import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraDatabaseTestSupport
import AuroraSQL
import Testing

/// The split statements run one per call on real servers (PostgreSQL through the extended protocol and MariaDB
/// through prepared statements, which both refuse two statements in one call, as the Data API does), and the
/// data they leave behind is what the script meant.
@Suite(.serialized) struct SQLSplitterDatabaseTests {
    static let postgreSQLScript = #"""
        CREATE TABLE note (id int PRIMARY KEY, body text NOT NULL);
        CREATE TABLE "we;ird""x" ("a'b" int);
        -- a comment with $$ and ' ;
        /* outer /* inner; */ still; */
        INSERT INTO note VALUES (1, 'it''s;'), (2, E'esc\';'), (3, 'C:\path\'), (4, $q$don't; stop$q$),
          (5, U&'d\0061t\+000061;');
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $body$
        DECLARE s text := $$inner; $$;
        BEGIN
          NEW.body := NEW.body || $x$;$x$;
          RETURN NEW;
        END
        $body$;
        CREATE TRIGGER note_touch BEFORE INSERT ON note FOR EACH ROW EXECUTE FUNCTION touch();
        DO $$
        BEGIN
          CREATE TYPE mood AS ENUM ('ok');
        EXCEPTION WHEN duplicate_object THEN NULL;
        END
        $$;
        CREATE FUNCTION twice(a int) RETURNS int LANGUAGE SQL
        BEGIN ATOMIC
          SELECT CASE WHEN a > 0 THEN a * 2 ELSE 0 END;
        END;
        CREATE TABLE log (n int);
        CREATE RULE note_log AS ON DELETE TO note DO ALSO (INSERT INTO log VALUES (1); INSERT INTO log VALUES (2));
        INSERT INTO note VALUES (6, 'six');
        DELETE FROM note WHERE id = 6;
        INSERT INTO note SELECT 7, ('{"a":";"}'::jsonb ? 'a')::text || ('{"b":"x;"}'::jsonb ->> 'b');
        CREATE INDEX CONCURRENTLY note_body ON note (body);
        SELECT a$b FROM (SELECT 1 AS a$b) t
        """#

    @Test func postgreSQLScriptRunsOneStatementPerCall() async throws {
        let statements = try SQLSplitter.split(Self.postgreSQLScript, dialect: .postgresql)
        #expect(statements.count == 14)
        #expect(statements.filter(\.cannotRunInTransaction).map(\.line) == [30])
        let database = try await DatabaseServers.freshDatabase(.postgresql, prefix: "split")
        let connection = try await database.connect()
        defer { connection.close() }
        // The premise: one call takes one statement.
        await #expect(throws: DatabaseFailure.self) {
            try await connection.execute(sql: "SELECT 1; SELECT 2", parameters: [], resultSetOptions: nil)
        }
        for statement in statements {
            _ = try await connection.execute(sql: statement.text, parameters: [], resultSetOptions: nil)
        }
        let notes = try await connection.execute(sql: "SELECT id, body FROM note ORDER BY id", parameters: [], resultSetOptions: nil)
        #expect(
            notes.records == [
                [.long(1), .string("it's;")], [.long(2), .string("esc';")], [.long(3), .string(#"C:\path\"#)],
                [.long(4), .string("don't; stop")], [.long(5), .string("data;")], [.long(7), .string("truex;;")],
            ])
        let twice = try await connection.execute(sql: "SELECT twice(21), (SELECT count(*) FROM log)", parameters: [], resultSetOptions: nil)
        #expect(twice.records == [[.long(42), .long(2)]])
    }

    /// MySQL script with a BOM and CRLF line ends, as a Windows checkout gives it.
    static let mysqlScript = "\u{FEFF}" + #"""
        CREATE TABLE note (id INT PRIMARY KEY, body VARCHAR(100) NOT NULL);
        CREATE TABLE `we;ird``name` (`a;` INT);
        INSERT INTO note VALUES (1, 'a;b'), (2, 'it''s;'), (3, 'back\\slash;'), (4, 'esc\';aped'), (5, "dq;str");
        -- ;
        # ;
        /* ; */
        INSERT INTO note VALUES (6, '--not a comment;'), (7, 5--1);
        /*!40101 SET @x = 1 */;
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
        INSERT INTO audit VALUES (-5), (50), (3);
        DELIMITER $$
        CREATE FUNCTION f() RETURNS VARCHAR(10) DETERMINISTIC
        BEGIN
          RETURN 'a//b;';
        END$$
        DELIMITER ;
        INSERT INTO note VALUES (8, f());
        """#.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")

    @Test func mysqlScriptRunsOneStatementPerCall() async throws {
        let statements = try SQLSplitter.split(Self.mysqlScript, dialect: .mysql)
        #expect(statements.map(\.line) == [1, 2, 3, 7, 8, 9, 10, 17, 26, 28, 33])
        let database = try await DatabaseServers.freshDatabase(.mysql, prefix: "split")
        let connection = try await database.connect()
        defer { connection.close() }
        // The premise: one call takes one statement.
        await #expect(throws: DatabaseFailure.self) {
            try await connection.execute(sql: "SELECT 1; SELECT 2", parameters: [], resultSetOptions: nil)
        }
        for statement in statements {
            _ = try await connection.execute(sql: statement.text, parameters: [], resultSetOptions: nil)
        }
        let notes = try await connection.execute(sql: "SELECT id, body FROM note ORDER BY id", parameters: [], resultSetOptions: nil)
        #expect(
            notes.records == [
                [.long(1), .string("a;b")], [.long(2), .string("it's;")], [.long(3), .string(#"back\slash;"#)],
                [.long(4), .string("esc';aped")], [.long(5), .string("dq;str")], [.long(6), .string("--not a comment;")],
                [.long(7), .string("6")], [.long(8), .string("a//b;")],
            ])
        let audit = try await connection.execute(sql: "SELECT n FROM audit ORDER BY n", parameters: [], resultSetOptions: nil)
        #expect(audit.records == [[.long(0)], [.long(3)], [.long(10)]])
    }
}
