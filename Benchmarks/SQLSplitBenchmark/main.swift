// sql-split-benchmark: throughput of AuroraSQL's splitter and placeholder scanner. Run with
// `swift run -c release sql-split-benchmark`; prints the median of several runs for each workload.
import AuroraSQL

func median(runs: Int, _ body: () throws -> Void) rethrows -> Duration {
    var times: [Duration] = []
    let clock = ContinuousClock()
    for _ in 0..<runs { times.append(try clock.measure(body)) }
    return times.sorted()[runs / 2]
}

func seconds(_ time: Duration) -> Double {
    Double(time.components.seconds) + Double(time.components.attoseconds) / 1e18
}

func report(_ name: String, bytes: Int, _ time: Duration) {
    let megabytes = Double(bytes) / 1_048_576
    print("\(name): median \(Int(seconds(time) * 1e6)) µs for \(bytes) bytes = \(Int(megabytes / seconds(time))) MiB/s")
}

let postgreSQLChunk = """
    -- create a table
    CREATE TABLE IF NOT EXISTS posts (id bigserial PRIMARY KEY, title text NOT NULL DEFAULT '', body text);
    INSERT INTO posts (title, body) VALUES ('Hello; world', E'it\\'s "fine"; really'), ('a', $q$b;c$q$);
    CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.updated_at := now(); /* nested /* comment */ here */
      RETURN NEW;
    END;
    $$;
    SELECT p.id::text, p.title FROM posts p WHERE p.title = 'x' AND p.id > 10;

    """
let mysqlChunk = """
    # create a table
    CREATE TABLE IF NOT EXISTS posts (id INT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(255) NOT NULL DEFAULT '');
    INSERT INTO posts (title) VALUES ('Hello; world'), ('it\\'s "fine"; really'), ("dq;");
    CREATE TRIGGER trg BEFORE INSERT ON posts FOR EACH ROW
    BEGIN
      IF NEW.title = '' THEN SET NEW.title = 'untitled'; END IF;
    END;
    /*!40101 SET NAMES utf8mb4 */;
    SELECT `id`, title FROM posts WHERE title = 'x' AND id > 10;

    """

for (dialect, chunk) in [(SQLDialect.postgresql, postgreSQLChunk), (.mysql, mysqlChunk)] {
    for megabytes in [1, 4, 16] {
        let script = String(repeating: chunk, count: megabytes * 1_048_576 / chunk.utf8.count)
        var count = 0
        let time = try median(runs: 7) { count = try SQLSplitter.split(script, dialect: dialect).count }
        report("split \(dialect) \(megabytes) MiB (\(count) statements)", bytes: script.utf8.count, time)
    }
}

let statement = "SELECT p.id, p.title FROM posts p WHERE p.title = :title AND p.id > :id::int AND p.body <> ':not' -- :no\n"
    + "AND p.created_at BETWEEN :from AND :to ORDER BY p.id LIMIT :limit"
for dialect in SQLDialect.allCases {
    let rounds = 100_000
    let time = try median(runs: 7) {
        for _ in 0..<rounds {
            _ = try SQLScanner.positional(statement, dialect: dialect)
            _ = try SQLScanner.isMultiStatement(statement, dialect: dialect)
        }
    }
    report("positional + isMultiStatement \(dialect), \(rounds) statements", bytes: statement.utf8.count * rounds, time)
    print("  = \(Int(seconds(time) * 1e9 / Double(rounds))) ns per statement")
}
