#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the shell writes results (stdout) and messages (stderr).
struct ShellOutput: Sendable {
    var result: @Sendable (String) -> Void
    var message: @Sendable (String) -> Void

    static let standard = ShellOutput(
        result: { text in
            print(text, terminator: "")
            fflush(nil)
        },
        message: { StandardError.print($0) })
}

/// The end of a run after an error was reported: the process exits with `exitCode`.
struct ShellStop: Error {
    var exitCode: Int32
}
