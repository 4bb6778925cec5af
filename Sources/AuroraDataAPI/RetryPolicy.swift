/// When and how long the client waits before sending a request again.
///
/// Delays grow exponentially from ``baseDelay`` up to ``maxDelay`` with "equal jitter" (half fixed, half
/// random), and all attempts of one call must finish within ``deadline``: the default of 60 s leaves room
/// for an Aurora Serverless v2 instance to resume from auto-pause ("can take up to 15 seconds" or more).
/// Each retry waits for `delay(afterAttempt:)` on the client's ``DataAPIClock``.
/// Which failures are retried is decided per operation by the client (see `DataAPIOperation`); the policy
/// only says how long to wait.
///
/// Follows the backoff guidance of https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
public struct RetryPolicy: Sendable {
    /// Attempts per call, the first one included. 1 disables retries.
    public var maxAttempts: Int
    /// The delay before the first retry (before jitter).
    public var baseDelay: Duration
    /// The largest delay between two attempts (before jitter).
    public var maxDelay: Duration
    /// No retry is scheduled whose wait would end later than this after the first attempt started; the call then
    /// fails with `deadlineExceeded`. (Each single attempt is bounded by the client's request timeout.)
    public var deadline: Duration
    /// A random number in `0..<1`; injectable so tests get fixed delays.
    public var random: @Sendable () -> Double

    /// A policy; the defaults are those of ``default``.
    ///
    /// - Parameters:
    ///   - maxAttempts: Attempts per call, the first one included.
    ///   - baseDelay: The delay before the first retry.
    ///   - maxDelay: The largest delay between two attempts.
    ///   - deadline: No retry is scheduled whose wait would end later than this after the first attempt.
    ///   - random: A random number in `0..<1`, for the jitter.
    public init(
        maxAttempts: Int = 20,
        baseDelay: Duration = .milliseconds(250),
        maxDelay: Duration = .seconds(5),
        deadline: Duration = .seconds(60),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.deadline = deadline
        self.random = random
    }

    /// Retries with the defaults: up to 20 attempts within 60 s, delays from 0.25 s growing to 5 s.
    public static var `default`: RetryPolicy { RetryPolicy() }

    /// Sends every request once.
    public static var none: RetryPolicy { RetryPolicy(maxAttempts: 1) }

    /// The wait before attempt `attempt + 1`, where `attempt` counts the attempts made so far (1 after the first).
    public func delay(afterAttempt attempt: Int) -> Duration {
        var ceiling = baseDelay
        var doublings = attempt - 1
        while doublings > 0, ceiling < maxDelay {
            ceiling *= 2
            doublings -= 1
        }
        ceiling = min(ceiling, maxDelay)
        let jitter = min(max(random(), 0), 1)
        return ceiling / 2 + (ceiling / 2) * jitter
    }
}
