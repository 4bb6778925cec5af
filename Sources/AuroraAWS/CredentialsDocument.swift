#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraSigV4

/// The JSON credential documents of `credential_process`, the container endpoint and instance metadata.
///
/// `credential_process` (https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html) uses
/// `SessionToken`; the container and IMDS endpoints
/// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html) use `Token`.
struct CredentialsDocument: Decodable {
    var version: Int?
    var code: String?
    var accessKeyId: String?
    var secretAccessKey: String?
    var sessionToken: String?
    var token: String?
    var expiration: String?

    enum CodingKeys: String, CodingKey {
        case version = "Version"
        case code = "Code"
        case accessKeyId = "AccessKeyId"
        case secretAccessKey = "SecretAccessKey"
        case sessionToken = "SessionToken"
        case token = "Token"
        case expiration = "Expiration"
    }

    /// Decodes `body` and checks it; `source` names where it came from in error messages.
    /// Errors never quote the body (it holds the secret).
    static func credentials(from body: [UInt8], source: String) throws -> AWSCredentials {
        let document: CredentialsDocument
        do {
            document = try JSONDecoder().decode(CredentialsDocument.self, from: Data(body))
        } catch {
            throw AWSConfigurationError(
                code: .credentialSourceFailed,
                message: "\(source) did not return a JSON credentials object (\(body.count) bytes could not be decoded)."
            )
        }
        if let version = document.version, version != 1 {
            throw AWSConfigurationError(
                code: .credentialSourceFailed, message: "\(source) returned Version \(version); only Version 1 is supported.")
        }
        if let code = document.code, code != "Success" {
            throw AWSConfigurationError(
                code: .credentialSourceFailed, message: "\(source) returned Code \"\(code)\" instead of \"Success\".")
        }
        guard let accessKeyId = document.accessKeyId, !accessKeyId.isEmpty,
            let secretAccessKey = document.secretAccessKey, !secretAccessKey.isEmpty
        else {
            throw AWSConfigurationError(
                code: .credentialSourceFailed, message: "\(source) returned no AccessKeyId or no SecretAccessKey.")
        }
        var expiration: Date?
        if let text = document.expiration {
            guard let date = ISO8601Timestamp.parse(text) else {
                throw AWSConfigurationError(
                    code: .credentialSourceFailed,
                    message: "\(source) returned Expiration \"\(text)\", which is not an ISO 8601 timestamp.")
            }
            expiration = date
        }
        return AWSCredentials(
            accessKeyId: accessKeyId,
            secretAccessKey: secretAccessKey,
            sessionToken: document.sessionToken ?? document.token,
            expiration: expiration
        )
    }
}
