/// What was said about the open transaction's idleness.
enum ShellIdleReport {
    case none, warned, expired
}

extension ShellSession {
    /// The open transaction just had a call (or was begun or ended): its idle time starts again.
    func transactionUsed() {
        transactionLastUsed = transactionId == nil ? nil : .now
        idleReported = .none
    }

    /// A warning when the open transaction has been idle for 5/6 of the service's timeout (2.5 of its 3 minutes),
    /// and again once the timeout has passed; nil otherwise, and for what was already said. The line editor asks
    /// while it waits for a key, so the warning comes at the prompt.
    ///
    /// The Data API ends a transaction that has no call using its ID for 3 minutes and rolls it back:
    /// https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.html#data-api.limitations
    func idleNotice(now: ContinuousClock.Instant = .now) -> String? {
        guard let last = transactionLastUsed else { return nil }
        let idle = now - last
        if idle >= transactionTimeout && idleReported != .expired {
            idleReported = .expired
            return "Warning: the transaction has been idle for \(Self.minutes(idle)): the service has most likely "
                + "rolled it back. \\rollback to close it here, then start again."
        }
        if idle >= transactionTimeout * 5 / 6 && idleReported == .none {
            idleReported = .warned
            return "Warning: the transaction has been idle for \(Self.minutes(idle)); the service rolls it back after "
                + "\(Self.minutes(transactionTimeout)) without a statement. Run one, or \\commit, to keep its work."
        }
        return nil
    }

    /// `2 min 30 s`, `3 s`.
    static func minutes(_ duration: Duration) -> String {
        let seconds = Int(duration.components.seconds)
        guard seconds >= 60 else { return "\(seconds) s" }
        return "\(seconds / 60) min" + (seconds % 60 == 0 ? "" : " \(seconds % 60) s")
    }
}
