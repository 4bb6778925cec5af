import AuroraDataAPI

/// MySQL: the stored procedure `aurora_data_migrate_step` that runs one migration statement and records it in the
/// same Data API call.
///
/// Through the Data API one call runs one statement, and MySQL DDL commits by itself, so recording progress after
/// each statement would cost a second call per statement. The procedure does the three steps server-side, in one
/// `CALL`:
/// 1. renews the migration lease, and stops with `SIGNAL` (SQLSTATE 45000) when this run no longer owns it, before
///    the statement runs;
/// 2. runs the statement with `PREPARE`/`EXECUTE` (its own error, code and SQLState, reach the caller unchanged);
/// 3. records it in the history: `statements_applied`, the duration, and `applied` after the last statement.
///
/// A version then costs its statements plus one call (the `running` row), and the history is exact up to the
/// statement in flight. The procedure is dropped and created again by each run under the lease, so it carries the
/// server's current `sql_mode` (MySQL runs a routine with the mode it was created with), and it runs with the
/// caller's privileges (`SQL SECURITY INVOKER`). The statement text is `utf8mb4` whatever the schema's default
/// character set.
///
/// Statements the server cannot prepare (MySQL 8 refuses `CREATE TRIGGER`, `CREATE PROCEDURE`, … with error 1295)
/// run directly instead, followed by a progress update: two calls for those statements only.
struct MigrationStepProcedure: Sendable {
    static let name = "aurora_data_migrate_step"
    /// `ER_UNSUPPORTED_PS`: "This command is not supported in the prepared statement protocol yet".
    static let notPreparableErrorCode = 1295
    /// The `SIGNAL` text of a lost lease.
    static let lockLostText = "aurora-data: this run no longer holds the migration lock"

    let database: any MigrationDatabase
    let lease: MigrationLease

    /// What ``run(_:version:applied:)`` did.
    enum Outcome {
        /// The statement ran and is recorded.
        case recorded
        /// The server cannot prepare this statement; nothing ran. Run it directly and record it separately.
        case notPreparable
    }

    /// Drops and creates the procedure (two calls per run).
    func install() async throws {
        _ = try await database.execute("DROP PROCEDURE IF EXISTS \(Self.name)", parameters: [], transactionId: nil)
        _ = try await database.execute(
            """
            CREATE PROCEDURE \(Self.name)(
                IN p_owner VARCHAR(255), IN p_ttl INTEGER, IN p_version INTEGER, IN p_applied INTEGER,
                IN p_sql LONGTEXT CHARACTER SET utf8mb4)
            SQL SECURITY INVOKER
            BEGIN
                UPDATE \(MigrationLease.table)
                SET expires_at = UTC_TIMESTAMP(3) + INTERVAL p_ttl SECOND, renewals = renewals + 1
                WHERE id = 1 AND owner = p_owner;
                IF ROW_COUNT() = 0 THEN
                    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '\(Self.lockLostText)';
                END IF;
                SET @aurora_data_migrate_sql = p_sql;
                PREPARE aurora_data_migrate_statement FROM @aurora_data_migrate_sql;
                SET @aurora_data_migrate_sql = NULL;
                EXECUTE aurora_data_migrate_statement;
                DEALLOCATE PREPARE aurora_data_migrate_statement;
                UPDATE \(MigrationHistory.table)
                SET statements_applied = p_applied,
                    duration_ms = TIMESTAMPDIFF(MICROSECOND, started_at, UTC_TIMESTAMP(3)) DIV 1000,
                    finished_at = IF(p_applied = statements_total, UTC_TIMESTAMP(3), finished_at),
                    state = IF(p_applied = statements_total, 'applied', state)
                WHERE version = p_version;
            END
            """,
            parameters: [], transactionId: nil)
    }

    /// Runs `statement` as statement number `applied` of `version` and records it, in one call.
    func run(_ statement: String, version: Int, applied: Int) async throws -> Outcome {
        do {
            _ = try await database.execute(
                "CALL \(Self.name)(:owner, :ttl, :version, :applied, :sql)",
                parameters: lease.parameters + [
                    .init(name: "version", value: .long(Int64(version))),
                    .init(name: "applied", value: .long(Int64(applied))),
                    .init(name: "sql", value: .string(statement)),
                ],
                transactionId: nil)
            return .recorded
        } catch let error as DataAPIError {
            let details = error.databaseDetails
            if details.engineErrorCode == Self.notPreparableErrorCode { return .notPreparable }
            if details.sqlState == "45000", error.message.contains(Self.lockLostText) {
                throw MigrationError(
                    code: .lockLost,
                    message: "This run's migration lock expired and another run took it before statement \(applied) "
                        + "of version \(version) could start; that statement did not run. Run `aurora-data migrate "
                        + "status`; raise --lock-ttl if single statements take longer.")
            }
            throw error
        }
    }
}
