import AuroraProcess
import NIOPosix

/// Runs a profile's `credential_process` command under `/bin/sh -c`, collecting its standard output and error.
///
/// Standard input is `/dev/null`, the environment is exactly `environment`, and the process inherits no other
/// descriptor of this one. The blocking work happens on NIO's thread pool, not on the Swift concurrency pool.
struct CredentialProcess {
    var command: String
    var environment: [String: String]
    /// The process and its children (its process group) are killed (SIGKILL) when it runs longer than this.
    var timeout: Duration
    /// The command is killed when it writes more than this (standard output and error together): credentials
    /// are a few kilobytes of JSON.
    var maxOutputBytes = 64 * 1024

    /// The shell's exit status (128 + the signal when a signal ended it) and what the command wrote.
    func run() async throws -> (exitStatus: Int32, standardOutput: [UInt8], standardError: [UInt8]) {
        let output = try await NIOThreadPool.singleton.runIfActive { try runBlocking() }
        return (output.termination.shellStatus, output.standardOutput, output.standardError)
    }

    private func runBlocking() throws(AWSConfigurationError) -> ChildProcess.Output {
        do {
            return try ChildProcess.run(
                "/bin/sh", ["-c", command], environment: environment, timeout: timeout, maxOutputBytes: maxOutputBytes)
        } catch where error.code == .timedOut {
            throw Self.failure("did not finish within \(timeout) and was stopped")
        } catch where error.code == .outputTooLarge {
            throw Self.failure(
                "wrote more than \(maxOutputBytes) bytes (the limit for its output) and was stopped; it should print only "
                    + "the credentials JSON")
        } catch {
            throw Self.failure("could not start /bin/sh (\(error.reason ?? error.message))")
        }
    }

    private static func failure(_ problem: String) -> AWSConfigurationError {
        AWSConfigurationError(code: .credentialSourceFailed, message: "credential_process \(problem).")
    }
}
