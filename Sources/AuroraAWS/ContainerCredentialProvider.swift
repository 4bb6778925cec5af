import AuroraSigV4
import Logging

/// Credentials from the ECS/EKS container credentials endpoint.
///
/// Implements https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html:
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (appended to `http://169.254.170.2`) or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with the `Authorization` header from
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (preferred) or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
/// A plain-http full URI must point at a loopback address or the ECS/EKS agent addresses, as in the SDKs,
/// so the token is never sent to an arbitrary host in clear text.
public struct ContainerCredentialProvider: CredentialProvider {
    public var environment: [String: String]
    public var transport: any HTTPTransport
    public var fileReader: FileReader
    /// Per-attempt timeout; one retry follows a connection failure or a 5xx answer.
    public var timeout: Duration

    public init(
        environment: [String: String], transport: any HTTPTransport, fileReader: FileReader = .live,
        timeout: Duration = .seconds(2)
    ) {
        self.environment = environment
        self.transport = transport
        self.fileReader = fileReader
        self.timeout = timeout
    }

    static let ecsAgentHost = "169.254.170.2"
    private static let allowedHTTPHosts: Set<String> = [
        "127.0.0.1", "localhost", "[::1]", "169.254.170.2", "169.254.170.23", "[fd00:ec2::23]",
    ]

    public var sourceName: String { "container" }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        let url = try endpointURL()
        var request = HTTPRequest(method: "GET", url: url, headers: [("Accept", "application/json")])
        if let token = try authorizationToken() { request.headers.append(("Authorization", token)) }
        logger.debug("Fetching container credentials from \(url)")
        var attempt = 1
        while true {
            do {
                let response = try await transport.send(request, timeout: timeout)
                if response.status >= 500 && attempt == 1 {
                    attempt += 1
                    continue
                }
                guard response.status == 200 else {
                    throw AWSConfigurationError(
                        code: .credentialSourceFailed,
                        message: "The container credentials endpoint \(url) answered HTTP \(response.status). "
                            + "Check the task or pod role and the authorization token."
                    )
                }
                return try CredentialsDocument.credentials(
                    from: response.body, source: "The container credentials endpoint \(url)")
            } catch let error as TransportError where attempt == 1 {
                logger.debug("Container credentials endpoint failed, retrying once: \(error)")
                attempt += 1
            } catch let error as TransportError {
                throw AWSConfigurationError(
                    code: .credentialSourceFailed,
                    message: "The container credentials endpoint \(url) did not answer (\(error))."
                )
            }
        }
    }

    private func endpointURL() throws -> String {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            return "http://\(Self.ecsAgentHost)" + (relative.hasPrefix("/") ? relative : "/" + relative)
        }
        guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty else {
            throw AWSConfigurationError(
                code: .credentialsNotFound,
                message: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set."
            )
        }
        let endpoint: ServiceEndpoint
        do {
            endpoint = try ServiceEndpoint(parsing: full, source: "AWS_CONTAINER_CREDENTIALS_FULL_URI")
        } catch let error as AWSConfigurationError {
            throw AWSConfigurationError(code: .credentialSourceFailed, message: error.message)
        }
        if endpoint.scheme == "http" && !Self.allowedHTTPHosts.contains(endpoint.host.lowercased())
            && !endpoint.host.hasPrefix("127.")
        {
            throw AWSConfigurationError(
                code: .credentialSourceFailed,
                message: "AWS_CONTAINER_CREDENTIALS_FULL_URI uses plain http to \(endpoint.host); only loopback and "
                    + "the ECS/EKS agent addresses may use http. Use https or a loopback address."
            )
        }
        return full
    }

    private func authorizationToken() throws -> String? {
        var token: String?
        if let path = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !path.isEmpty {
            guard let text = try fileReader.contents(ofFile: path) else {
                throw AWSConfigurationError(
                    code: .credentialSourceFailed,
                    message: "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE names \(path), which does not exist."
                )
            }
            token = String(text.trimmingWhitespace())
        } else if let value = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !value.isEmpty {
            token = value
        }
        if let token, token.contains(where: \.isNewline) {
            throw AWSConfigurationError(
                code: .credentialSourceFailed,
                message: "The container authorization token contains a line break; it must be a single line."
            )
        }
        return token
    }
}
