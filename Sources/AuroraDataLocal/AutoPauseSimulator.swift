#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPIModel

/// Aurora Serverless v2 scaling to 0 ACUs: a cluster with no calls (and no open transaction) for
/// `idleAfter` pauses; the first call after that is cancelled with `DatabaseResumingException` and starts
/// the resume, calls during the resume get the same error, and after `resumeAfter` the database answers.
/// (dataapi-protocol.md section 10; "Scaling to Zero ACUs with automatic pause and resume",
/// https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2-auto-pause.html)
actor AutoPauseSimulator {
    enum Admission: Sendable, Equatable {
        case proceed
        /// The call must fail; `justPaused` is true for the call that found the cluster paused.
        case resuming(justPaused: Bool)
    }

    private enum State {
        case active(lastCall: Date)
        case resuming(until: Date)
    }

    private let settings: LocalEndpointConfiguration.AutoPause
    /// The endpoint's clock (``LocalEndpointConfiguration/now``), so tests can move time instead of sleeping.
    private let now: @Sendable () -> Date
    private let started: Date
    private var states: [String: State] = [:]

    init(_ settings: LocalEndpointConfiguration.AutoPause, now: @escaping @Sendable () -> Date) {
        self.settings = settings
        self.now = now
        self.started = now()
    }

    func admit(resourceArn: String, hasTransactions: Bool) -> Admission {
        let now = now()
        switch states[resourceArn] ?? .active(lastCall: started) {
        case .active(let lastCall):
            if !hasTransactions && now.timeIntervalSince(lastCall) > Self.seconds(settings.idleAfter) {
                states[resourceArn] = .resuming(until: now.addingTimeInterval(Self.seconds(settings.resumeAfter)))
                return .resuming(justPaused: true)
            }
        case .resuming(let until):
            if now < until { return .resuming(justPaused: false) }
        }
        states[resourceArn] = .active(lastCall: now)
        return .proceed
    }

    /// A call finished: the idle time counts from here.
    func touch(resourceArn: String) {
        if case .active = states[resourceArn] ?? .active(lastCall: started) {
            states[resourceArn] = .active(lastCall: now())
        }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    static func resumingError(_ resourceArn: String) -> DataAPIError {
        DataAPIError(
            code: .databaseResuming,
            message: "The Aurora DB instance \(resourceArn) is resuming after being auto-paused. "
                + "Please wait a few seconds and try again."
        )
    }
}
