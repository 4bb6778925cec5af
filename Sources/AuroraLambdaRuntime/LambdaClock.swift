#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The wall clock in milliseconds since 1970 (UTC), the unit of `Lambda-Runtime-Deadline-Ms`; injectable so
/// deadline behaviour is testable without waiting.
public struct LambdaClock: Sendable {
    public var nowMilliseconds: @Sendable () -> Int64

    public init(nowMilliseconds: @escaping @Sendable () -> Int64) {
        self.nowMilliseconds = nowMilliseconds
    }

    /// `CLOCK_REALTIME`.
    public static let system = LambdaClock {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
