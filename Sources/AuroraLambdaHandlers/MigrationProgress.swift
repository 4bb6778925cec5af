import AuroraMigrate
import Logging
import Synchronization

/// Where a running migration is, for the log and for a "timed out before vN" answer.
final class MigrationProgress: Sendable {
    private let state = Mutex<Int?>(nil)

    /// The version being applied, or nil before the first one starts.
    var next: Int? { state.withLock { $0 } }

    func record(_ event: MigrationEvent, logger: Logger) {
        switch event {
        case .versionStarted(let version, let file, let statements, let transactional):
            state.withLock { $0 = version }
            logger.info("applying", metadata: ["version": "\(version)", "file": "\(file)", "statements": "\(statements)", "transactional": "\(transactional)"])
        case .versionApplied(let version, _, _, let duration):
            state.withLock { $0 = version + 1 }
            logger.info("applied", metadata: ["version": "\(version)", "duration": "\(duration)"])
        case .versionSkipped(let version, let reason):
            logger.info("skipped", metadata: ["version": "\(version)", "reason": "\(reason)"])
        case .versionFailed(let version, let file, let statement, let line, _):
            // The error text goes into the response's Reason and the error log line that follows.
            logger.error("a statement failed", metadata: ["version": "\(version)", "file": "\(file)", "statement": "\(statement)", "line": "\(line)"])
        case .waitingForLock(let holder):
            logger.info("waiting for the migration lock", metadata: ["holder": "\(holder)"])
        case .engine(let engine):
            logger.debug("engine", metadata: ["engine": "\(engine.rawValue)"])
        case .statementFinished:
            break
        }
    }
}
