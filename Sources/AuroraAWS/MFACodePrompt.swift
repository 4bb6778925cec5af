#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import NIOPosix

/// Asks for the one-time code of an MFA device, for role profiles with `mfa_serial`.
///
/// Like the AWS CLI (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-role.html#cli-configure-role-mfa),
/// the code is asked for on the terminal; without one there is nobody to ask and the call fails with an error
/// saying so. Injected so that tests and other front ends can answer.
public struct MFACodePrompt: Sendable {
    private let ask: @Sendable (_ serial: String, _ profile: String) async throws -> String

    /// - Parameter ask: returns the code for the device `serial` of `profile`, or throws.
    public init(_ ask: @escaping @Sendable (_ serial: String, _ profile: String) async throws -> String) {
        self.ask = ask
    }

    func code(serial: String, profile: String) async throws -> String {
        try await ask(serial, profile)
    }

    /// Prompts on standard error and reads a line from standard input, when standard input is a terminal.
    public static let terminal = MFACodePrompt { serial, profile in
        guard isatty(STDIN_FILENO) == 1 else {
            throw AWSConfigurationError(
                code: .invalidProfile,
                message: "Profile \"\(profile)\" has mfa_serial = \(serial), so assuming its role needs an MFA code, "
                    + "but there is no terminal to ask for it. Run the command in a terminal, or give it credentials "
                    + "that need no MFA code.")
        }
        let prompt = Array("Enter MFA code for \(serial): ".utf8)
        _ = prompt.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        // The read blocks until the user answers: on NIO's thread pool, not on the Swift concurrency pool.
        let line = try await NIOThreadPool.singleton.runIfActive { readLine(strippingNewline: true) }
        guard let line, !line.isEmpty else {
            throw AWSConfigurationError(
                code: .invalidProfile, message: "No MFA code was entered for mfa_serial of profile \"\(profile)\".")
        }
        return String(line.trimmingWhitespace())
    }
}
