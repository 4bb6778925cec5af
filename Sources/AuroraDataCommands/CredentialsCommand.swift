#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import AuroraAWS
import AuroraSigV4

/// `aurora-data credentials`: resolves the AWS credentials the other commands would use and shows them.
///
/// The chain is the one of ``DefaultCredentialChain`` (botocore's order). `--format process` prints the
/// `credential_process` document (https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html),
/// so another tool can use aurora-data as its credential process.
struct CredentialsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Show which AWS credentials aurora-data would use, and where they come from.",
        discussion: """
            Resolves credentials like the AWS CLI: environment keys (not with --profile), then the profile's \
            role_arn, web identity, IAM Identity Center (SSO), credentials file, credential_process and config file, \
            then the container and instance metadata endpoints.

            summary (the default) names the source and the chain, the access key id and the expiry, never a secret. \
            process prints the credential_process JSON; env prints export lines for a shell. Both of those print \
            the secret key: keep their output private.

            \(ExecExitCode.help)
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case summary, process, env
    }

    @Option(help: "Profile in ~/.aws/config and ~/.aws/credentials (default: $AWS_PROFILE).")
    var profile: String?

    @Option(help: "Output: summary (default), process (credential_process JSON) or env (export lines).")
    var format: Format = .summary

    @Flag(help: "Log each step of the resolution on stderr (never secrets).")
    var debug = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let chain = DefaultCredentialChain(
            environment: environment, profile: profile, transport: AsyncHTTPClientTransport(environment: environment))
        do {
            let resolved = try await chain.resolvedCredentials(logger: debug ? DebugLogHandler.logger() : .disabled)
            print(Self.render(resolved, format: format, now: Date()), terminator: "")
        } catch let error as AWSConfigurationError {
            StandardError.print("error: \(error.code): \(error.message)\n")
            throw ExitCode(ExecExitCode.configuration)
        }
    }

    static func render(_ resolved: ResolvedCredentials, format: Format, now: Date) -> String {
        let credentials = resolved.credentials
        let expiration = credentials.expiration.map { $0.formatted(Date.ISO8601FormatStyle()) }
        switch format {
        case .summary:
            var expiry = "never (long-term keys)"
            if let date = credentials.expiration, let expiration {
                let minutes = Int((date.timeIntervalSince(now) / 60).rounded(.down))
                expiry = expiration + (minutes >= 0 ? " (in \(minutes) min)" : " (expired)")
            }
            return """
                source:        \(resolved.sourceDescription)
                access key id: \(credentials.accessKeyId)
                expires:       \(expiry)

                """
        case .process:
            var fields = [
                "\"Version\": 1", "\"AccessKeyId\": \(json(credentials.accessKeyId))",
                "\"SecretAccessKey\": \(json(credentials.secretAccessKey))",
            ]
            if let token = credentials.sessionToken { fields.append("\"SessionToken\": \(json(token))") }
            if let expiration { fields.append("\"Expiration\": \(json(expiration))") }
            return "{\n  " + fields.joined(separator: ",\n  ") + "\n}\n"
        case .env:
            var lines = [
                "export AWS_ACCESS_KEY_ID=\(shell(credentials.accessKeyId))",
                "export AWS_SECRET_ACCESS_KEY=\(shell(credentials.secretAccessKey))",
            ]
            if let token = credentials.sessionToken { lines.append("export AWS_SESSION_TOKEN=\(shell(token))") }
            if let expiration { lines.append("export AWS_CREDENTIAL_EXPIRATION=\(expiration)") }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// A JSON string literal.
    private static func json(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    /// The value as one shell word: as is when it holds only safe characters, else in single quotes.
    private static func shell(_ text: String) -> String {
        let safe = !text.isEmpty
            && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+/=_-.:".unicodeScalars.contains($0)) }
        return safe ? text : "'" + text.replacing("'", with: "'\\''") + "'"
    }
}
