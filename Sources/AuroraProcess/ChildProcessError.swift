#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a child process could not be run.
///
/// `code` is extensible (compare with the static members); `message` says what failed. Callers usually wrap it in
/// their own error, which says what the command was for.
public struct ChildProcessError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Code
    /// What failed, e.g. "Could not run /usr/bin/initdb: No such file or directory."
    public var message: String
    /// The system's words for the failed call (`strerror`, with the step when it was not the start itself), when a
    /// system call failed: "No such file or directory".
    public var reason: String?

    public init(code: Code, message: String, reason: String? = nil) {
        self.code = code
        self.message = message
        self.reason = reason
    }

    public var description: String { "\(message) [\(code)]" }

    /// What kind of failure this is.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The process could not be started: the executable is missing or not executable, or this process is out
        /// of descriptors or processes.
        public static let startFailed = Code(rawValue: "StartFailed")
        /// The process ran longer than allowed and was killed.
        public static let timedOut = Code(rawValue: "TimedOut")
        /// The process wrote more than allowed (standard output and error together) and was killed.
        public static let outputTooLarge = Code(rawValue: "OutputTooLarge")
    }

    /// A start failure of `executable` because a system call failed with `errorNumber`.
    static func couldNotStart(_ executable: String, errorNumber: Int32, step: String? = nil) -> ChildProcessError {
        let system = String(cString: strerror(errorNumber))
        let reason = step.map { "\($0): \(system)" } ?? system
        return ChildProcessError(code: .startFailed, message: "Could not run \(executable): \(reason).", reason: reason)
    }
}
