import AuroraSigV4
import Logging

/// Credentials of the EC2 instance role from the instance metadata service, version 2 (session tokens).
///
/// Implements https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html and
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-imds-credentials.html: `PUT /latest/api/token` with
/// `X-aws-ec2-metadata-token-ttl-seconds`, then `GET /latest/meta-data/iam/security-credentials/` (the role
/// name) and `GET /latest/meta-data/iam/security-credentials/<role>`, each with `X-aws-ec2-metadata-token`.
/// The endpoint is `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else `http://[fd00:ec2::254]` when
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` is `IPv6`, else `http://169.254.169.254`;
/// `AWS_EC2_METADATA_DISABLED=true` turns the provider off. IMDSv1 (no token) is not used.
public struct InstanceMetadataCredentialProvider: CredentialProvider {
    public var environment: [String: String]
    public var transport: any HTTPTransport
    /// Timeout of each request; short so that machines without IMDS fail fast.
    public var timeout: Duration

    public init(environment: [String: String], transport: any HTTPTransport, timeout: Duration = .seconds(1)) {
        self.environment = environment
        self.transport = transport
        self.timeout = timeout
    }

    static let tokenTTLHeader = "X-aws-ec2-metadata-token-ttl-seconds"
    static let tokenHeader = "X-aws-ec2-metadata-token"
    private static let credentialsPath = "/latest/meta-data/iam/security-credentials/"

    public var sourceName: String { "instance-metadata" }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" {
            throw AWSConfigurationError(
                code: .credentialsNotFound, message: "Instance metadata is disabled by AWS_EC2_METADATA_DISABLED.")
        }
        let base = try endpoint()
        logger.debug("Fetching instance role credentials from \(base)")
        let tokenResponse = try await send(
            HTTPRequest(method: "PUT", url: base + "/latest/api/token", headers: [(Self.tokenTTLHeader, "21600")]),
            base: base)
        guard tokenResponse.status == 200, !tokenResponse.body.isEmpty else {
            throw notFound(base, "the session token request answered HTTP \(tokenResponse.status)")
        }
        let token = String(decoding: tokenResponse.body, as: UTF8.self)
        let authorization = [(name: Self.tokenHeader, value: token)]

        let roleResponse = try await send(
            HTTPRequest(method: "GET", url: base + Self.credentialsPath, headers: authorization), base: base)
        guard roleResponse.status == 200 else {
            throw notFound(base, "the instance has no IAM role (HTTP \(roleResponse.status))")
        }
        let roleText = String(decoding: roleResponse.body, as: UTF8.self)
        guard let role = roleText.split(whereSeparator: \.isNewline).first.map({ $0.trimmingWhitespace() }),
            !role.isEmpty, !role.contains("/")
        else {
            throw notFound(base, "the instance has no IAM role")
        }

        let credentialsResponse = try await send(
            HTTPRequest(method: "GET", url: base + Self.credentialsPath + role, headers: authorization), base: base)
        guard credentialsResponse.status == 200 else {
            throw AWSConfigurationError(
                code: .credentialSourceFailed,
                message: "Instance metadata at \(base) answered HTTP \(credentialsResponse.status) for the credentials "
                    + "of role \(role). Check the instance profile."
            )
        }
        return try CredentialsDocument.credentials(
            from: credentialsResponse.body, source: "Instance metadata at \(base) (role \(role))")
    }

    /// The base URL without a trailing slash.
    private func endpoint() throws -> String {
        if let configured = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"], !configured.isEmpty {
            do {
                return try ServiceEndpoint(parsing: configured, source: "AWS_EC2_METADATA_SERVICE_ENDPOINT").url
            } catch let error as AWSConfigurationError {
                throw AWSConfigurationError(code: .credentialSourceFailed, message: error.message)
            }
        }
        if environment["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"]?.lowercased() == "ipv6" {
            return "http://[fd00:ec2::254]"
        }
        return "http://169.254.169.254"
    }

    /// Sends one request; no answer means there is no metadata service here.
    private func send(_ request: HTTPRequest, base: String) async throws -> HTTPResponse {
        do {
            return try await transport.send(request, timeout: timeout)
        } catch let error as TransportError {
            throw notFound(base, "no answer (\(error.message))")
        }
    }

    private func notFound(_ base: String, _ reason: String) -> AWSConfigurationError {
        AWSConfigurationError(code: .credentialsNotFound, message: "Instance metadata at \(base): \(reason).")
    }
}
