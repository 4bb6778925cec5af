#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import AuroraAWS
import AuroraDataAPI
import AuroraDataAPIModel
import Logging

/// Where and as whom to connect: shared by `exec` and `migrate` (`@OptionGroup var connection: ConnectionOptions`).
///
/// Unset options fall back to `AURORA_RESOURCE_ARN`, `AURORA_SECRET_ARN`, `AURORA_DATABASE` and the AWS SDK
/// variables and files (region, endpoint, credentials), as ``DataAPIClient/fromEnvironment(resourceArn:secretArn:database:region:profile:endpoint:environment:transport:requestTimeout:retryPolicy:logger:clock:)`` describes.
public struct ConnectionOptions: ParsableArguments, Sendable {
    @Option(help: "Aurora cluster ARN (default: $AURORA_RESOURCE_ARN).")
    public var resourceArn: String?

    @Option(help: "Secrets Manager secret ARN with the database credentials (default: $AURORA_SECRET_ARN).")
    public var secretArn: String?

    @Option(help: "Database name (default: $AURORA_DATABASE, else the secret's default).")
    public var database: String?

    @Option(help: "AWS region (default: $AWS_REGION, $AWS_DEFAULT_REGION, the profile, then the cluster ARN).")
    public var region: String?

    @Option(help: "Profile in ~/.aws/config and ~/.aws/credentials (default: $AWS_PROFILE).")
    public var profile: String?

    @Option(help: "Data API endpoint URL, e.g. http://127.0.0.1:8080 for a local endpoint (default: $AWS_ENDPOINT_URL_RDS_DATA, $AWS_ENDPOINT_URL, then https://rds-data.<region>.amazonaws.com).")
    public var endpointUrl: String?

    @Flag(help: "Print each request's canonical request and string to sign, and retries, on stderr (never secrets or signatures).")
    public var debug = false

    public init() {}

    /// The client these options describe.
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - observer: also receives the client's log (the shell's "resuming…" status watches its retries).
    public func makeClient(environment: [String: String], observer: (any LogHandler)? = nil) throws(DataAPIError) -> DataAPIClient {
        var logger = debug ? DebugLogHandler.logger() : .disabled
        if let observer {
            let handlers: [any LogHandler] = debug ? [DebugLogHandler(), observer] : [observer]
            logger = Logger(label: "aurora-data") { _ in MultiplexLogHandler(handlers) }
        }
        return try DataAPIClient.fromEnvironment(
            resourceArn: resourceArn, secretArn: secretArn, database: database, region: region, profile: profile,
            endpoint: endpointUrl, environment: environment, logger: logger)
    }
}
