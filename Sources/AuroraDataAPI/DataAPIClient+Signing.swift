import AuroraAWS
import AuroraDataAPIModel
import AuroraSigV4
import Logging

extension DataAPIClient {
    /// Builds the `POST` request for `operation` and signs it with SigV4 for service `rds-data`, with fresh
    /// credentials from the provider and the clock's current time.
    ///
    /// Implements https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
    /// At `.trace` the canonical request (session token redacted) and the string to sign are logged; the
    /// signature, keys and token never are.
    func signedRequest(_ operation: DataAPIOperation, body: [UInt8]) async throws -> HTTPRequest {
        let credentials = try await resolveCredentials()
        var request = HTTPRequest(
            method: "POST", url: Self.endpointURL(configuration.endpoint, path: operation.path),
            headers: Self.requestHeaders, body: body)
        do {
            guard let prepared = preparedRequests[operation] else { preconditionFailure("every operation is prepared") }
            let signed = try prepared.get().sign(body: body, credentials: credentials, date: clock.now())
            request.headers += signed.headers
            logger.trace(
                "signed Data API request",
                metadata: [
                    "operation": "\(operation.rawValue)",
                    "canonical-request": "\(Self.redactingToken(signed.canonicalRequest))",
                    "string-to-sign": "\(signed.stringToSign)",
                ])
        } catch {
            throw DataAPIError(
                code: .invalidConfiguration,
                message: "The request to \(request.url) could not be signed: \(error.message). Check the endpoint URL.")
        }
        return request
    }

    /// The headers every Data API request carries before signing.
    static let requestHeaders: [(name: String, value: String)] = [("Content-Type", "application/json")]

    /// The endpoint with `path` appended (a trailing `/` of the endpoint is dropped).
    static func endpointURL(_ endpoint: String, path: String) -> String {
        var base = endpoint
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }

    private func resolveCredentials() async throws -> AWSCredentials {
        do {
            return try await credentialProvider.credentials(logger: logger)
        } catch let error as AWSConfigurationError {
            throw DataAPIError(
                code: error.code == .credentialsNotFound ? .credentialsNotFound : .invalidConfiguration,
                message: error.message)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw DataAPIError(code: .credentialsNotFound, message: "Loading AWS credentials failed: \(error)")
        }
    }

    /// The canonical request with the value of `x-amz-security-token` replaced, so it can be shown.
    static func redactingToken(_ canonicalRequest: String) -> String {
        canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("x-amz-security-token:") ? "x-amz-security-token:<redacted>" : String(line)
        }.joined(separator: "\n")
    }
}
