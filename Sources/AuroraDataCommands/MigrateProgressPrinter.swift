import AuroraMigrate

/// Prints migration progress on stderr, one line per event, with timings.
struct MigrateProgressPrinter: Sendable {
    func print(_ event: MigrationEvent) {
        StandardError.print(Self.line(event) + "\n")
    }

    static func line(_ event: MigrationEvent) -> String {
        switch event {
        case .engine(let engine):
            return "engine: \(engine.rawValue)"
        case .waitingForLock(let holder):
            return "waiting for the migration lock held by \(holder)"
        case .versionStarted(let version, let file, let statements, let transactional):
            return "v\(version) \(file): \(statements) statement(s)\(transactional ? " in one transaction" : ", each committed on its own")"
        case .statementFinished(let version, let index, let total, let line, let duration):
            return "  v\(version) [\(index)/\(total)] line \(line) \(milliseconds(duration)) ms"
        case .versionApplied(let version, let file, let statements, let duration):
            return "v\(version) \(file) applied: \(statements) statement(s) in \(milliseconds(duration)) ms"
        case .versionSkipped(let version, let reason):
            return "v\(version) skipped: \(reason)"
        case .versionFailed(let version, let file, let statement, let line, let error):
            return "v\(version) \(file) statement \(statement) (line \(line)) failed: \(error)"
        }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
