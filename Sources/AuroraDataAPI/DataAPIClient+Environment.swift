#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraAWS
import AuroraDataAPIModel
import Logging

extension DataAPIClient {
    /// A client configured the way the AWS SDKs configure themselves, plus the `AURORA_*` variables.
    ///
    /// - ARNs and database: the arguments, else `AURORA_RESOURCE_ARN`, `AURORA_SECRET_ARN`, `AURORA_DATABASE`.
    /// - Region: the argument, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`, then the region field of
    ///   the resource ARN (https://docs.aws.amazon.com/sdkref/latest/guide/feature-region.html).
    /// - Endpoint: the argument, `AWS_ENDPOINT_URL_RDS_DATA`, `AWS_ENDPOINT_URL`, then
    ///   `https://rds-data.<region>.amazonaws.com` (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html).
    /// - Credentials: the SDKs' default chain — environment, shared files (`profile` or `AWS_PROFILE`), container,
    ///   instance metadata (https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html).
    ///   They are loaded at the first call, not here.
    /// - Transport: `transport`, else AsyncHTTPClient verifying HTTPS certificates against the system trust store,
    ///   or against the PEM file `AWS_CA_BUNDLE` names (read at the first HTTPS call).
    /// - Throws: `DataAPIError` `invalidConfiguration` naming what is missing and how to set it.
    public static func fromEnvironment(
        resourceArn: String? = nil, secretArn: String? = nil, database: String? = nil, region: String? = nil,
        profile: String? = nil, endpoint: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        transport: (any HTTPTransport)? = nil,
        requestTimeout: Duration = .seconds(60), retryPolicy: RetryPolicy = .default,
        logger: Logger = .disabled, clock: DataAPIClock = .system
    ) throws(DataAPIError) -> DataAPIClient {
        func setting(_ explicit: String?, _ variable: String) -> String? {
            if let explicit, !explicit.isEmpty { return explicit }
            if let value = environment[variable], !value.isEmpty { return value }
            return nil
        }
        guard let resourceArn = setting(resourceArn, "AURORA_RESOURCE_ARN") else {
            throw DataAPIError(
                code: .invalidConfiguration,
                message: "No cluster ARN: pass --resource-arn or set AURORA_RESOURCE_ARN "
                    + "(arn:aws:rds:<region>:<account>:cluster:<name>).")
        }
        guard let secretArn = setting(secretArn, "AURORA_SECRET_ARN") else {
            throw DataAPIError(
                code: .invalidConfiguration,
                message: "No secret ARN: pass --secret-arn or set AURORA_SECRET_ARN "
                    + "(the Secrets Manager secret with the database user and password).")
        }
        let resolvedRegion: String
        let resolvedEndpoint: ServiceEndpoint
        do {
            resolvedRegion = try RegionResolver.resolve(
                explicit: region, environment: environment, profile: profile, resourceArn: resourceArn)
            resolvedEndpoint = try EndpointResolver.resolve(
                explicit: endpoint, environment: environment, region: resolvedRegion)
        } catch let error as AWSConfigurationError {
            throw DataAPIError(code: .invalidConfiguration, message: error.message)
        } catch {
            throw DataAPIError(code: .invalidConfiguration, message: "\(error)")
        }
        let configuration = Configuration(
            resourceArn: resourceArn, secretArn: secretArn, database: setting(database, "AURORA_DATABASE"),
            region: resolvedRegion, endpoint: resolvedEndpoint.url, requestTimeout: requestTimeout,
            retryPolicy: retryPolicy)
        let transport = transport ?? AsyncHTTPClientTransport(environment: environment)
        let credentials = DefaultCredentialChain(
            environment: environment, profile: profile, transport: transport, now: clock.now)
        return DataAPIClient(
            configuration: configuration, credentialProvider: credentials, transport: transport, logger: logger,
            clock: clock)
    }
}
