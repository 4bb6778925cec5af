#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraSigV4
import Logging

/// The two AWS STS operations the credential chain calls, over the Query protocol.
///
/// Implements https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html and
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html: a form-encoded `POST /`
/// (`Action`, `Version=2011-06-15`, the parameters), an XML answer `<Action>Response/<Action>Result/Credentials`,
/// errors as `ErrorResponse/Error/{Code, Message}`. `AssumeRole` is signed with SigV4 (service `sts`);
/// `AssumeRoleWithWebIdentity` is sent unsigned, as the SDKs send it. The endpoint is `AWS_ENDPOINT_URL_STS`, else
/// `AWS_ENDPOINT_URL`, else `https://sts.{region}.amazonaws.com`.
struct SecurityTokenService: Sendable {
    var endpoint: ServiceEndpoint
    var region: String
    var transport: any HTTPTransport
    var now: @Sendable () -> Date
    /// Per-attempt timeout; one retry follows a connection failure or a 5xx answer.
    var timeout: Duration = .seconds(10)

    init(environment: [String: String], region: String, transport: any HTTPTransport, now: @escaping @Sendable () -> Date)
        throws
    {
        self.region = region
        self.transport = transport
        self.now = now
        self.endpoint =
            try ServiceEndpoint.configured(serviceVariable: "AWS_ENDPOINT_URL_STS", environment: environment)
            ?? ServiceEndpoint.regional("sts", region: region, source: "The region for STS")
    }

    /// `AssumeRole` with `sourceCredentials`; `parameters` are the optional ones (`DurationSeconds`, ...).
    /// `context` names the profile in error messages.
    func assumeRole(
        roleArn: String, sessionName: String, parameters: [(String, String)], sourceCredentials: AWSCredentials,
        context: String, logger: Logger
    ) async throws -> AWSCredentials {
        try await call(
            action: "AssumeRole",
            parameters: [("RoleArn", roleArn), ("RoleSessionName", sessionName)] + parameters,
            signingCredentials: sourceCredentials, context: context, logger: logger)
    }

    /// `AssumeRoleWithWebIdentity`, unsigned.
    func assumeRoleWithWebIdentity(
        roleArn: String, sessionName: String, token: String, context: String, logger: Logger
    ) async throws -> AWSCredentials {
        try await call(
            action: "AssumeRoleWithWebIdentity",
            parameters: [("RoleArn", roleArn), ("RoleSessionName", sessionName), ("WebIdentityToken", token)],
            signingCredentials: nil, context: context, logger: logger)
    }

    private func call(
        action: String, parameters: [(String, String)], signingCredentials: AWSCredentials?, context: String,
        logger: Logger
    ) async throws -> AWSCredentials {
        let body = Array(
            ([("Action", action), ("Version", "2011-06-15")] + parameters)
                .map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }
                .joined(separator: "&").utf8)
        let url = endpoint.url(path: "/")
        var request = HTTPRequest(
            method: "POST", url: url,
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: body)
        if let signingCredentials {
            let signer = SigV4Signer(service: "sts", region: region)
            do {
                let signed = try signer.prepare(method: "POST", url: url, headers: request.headers)
                    .sign(body: body, credentials: signingCredentials, date: now())
                request.headers += signed.headers
            } catch {
                throw AWSConfigurationError(
                    code: .invalidEndpoint,
                    message: "The STS request to \(url) could not be signed (\(error.message)). Check AWS_ENDPOINT_URL_STS.")
            }
        }
        logger.debug("Calling STS \(action) at \(url) for \(context)")
        let response = try await send(request, action: action, context: context)
        return try Self.credentials(from: response, action: action, context: context)
    }

    private func send(_ request: HTTPRequest, action: String, context: String) async throws -> HTTPResponse {
        var attempt = 1
        while true {
            do {
                let response = try await transport.send(request, timeout: timeout)
                if response.status >= 500 && attempt == 1 {
                    attempt += 1
                    continue
                }
                return response
            } catch let error as TransportError where attempt == 1 && error.phase == .beforeSending && !error.tlsHandshakeFailed {
                attempt += 1
            } catch let error as TransportError {
                throw AWSConfigurationError(
                    code: .credentialSourceFailed,
                    message: "STS \(action) for \(context) at \(endpoint) failed: \(error). Check the network and "
                        + "AWS_ENDPOINT_URL_STS.")
            }
        }
    }

    /// Reads the credentials from a 200 answer, or turns an `ErrorResponse` into a message that says what to do.
    static func credentials(from response: HTTPResponse, action: String, context: String) throws -> AWSCredentials {
        let document = XMLElement.parse(response.body)
        guard response.status == 200 else {
            let error = document?.element(at: "Error") ?? document?.element(at: "Errors", "Error")
            let code = error?.child("Code")?.text ?? "HTTP \(response.status)"
            let message = error?.child("Message")?.text ?? ""
            throw AWSConfigurationError(
                code: .credentialSourceFailed,
                message: "STS \(action) for \(context) was refused: \(code)"
                    + (message.isEmpty ? "" : ": \(message)") + ". " + advice(forErrorCode: code))
        }
        guard let credentials = document?.element(at: "\(action)Result", "Credentials"),
            let accessKeyId = credentials.child("AccessKeyId")?.text, !accessKeyId.isEmpty,
            let secretAccessKey = credentials.child("SecretAccessKey")?.text, !secretAccessKey.isEmpty
        else {
            throw AWSConfigurationError(
                code: .credentialSourceFailed,
                message: "STS \(action) for \(context) answered HTTP 200 without credentials (\(response.body.count) "
                    + "bytes that are not an \(action)Response). Check AWS_ENDPOINT_URL_STS.")
        }
        let expirationText = credentials.child("Expiration")?.text ?? ""
        guard let expiration = ISO8601Timestamp.parse(expirationText.trimmingWhitespace().description) else {
            throw AWSConfigurationError(
                code: .credentialSourceFailed,
                message: "STS \(action) for \(context) answered an Expiration that is not an ISO 8601 timestamp.")
        }
        return AWSCredentials(
            accessKeyId: accessKeyId, secretAccessKey: secretAccessKey,
            sessionToken: credentials.child("SessionToken")?.text, expiration: expiration)
    }

    private static func advice(forErrorCode code: String) -> String {
        switch code {
        case "AccessDenied":
            return "Check that the role's trust policy lets the source identity assume it (and the external_id or "
                + "MFA it requires), and that the source identity may call sts:AssumeRole."
        case "ExpiredToken", "ExpiredTokenException":
            return "The source credentials have expired: renew them (e.g. `aws sso login`) and try again."
        case "InvalidIdentityToken", "IDPRejectedClaim", "IDPCommunicationError":
            return "Check the web identity token file and the role's OIDC provider and trust policy."
        case "InvalidClientTokenId", "SignatureDoesNotMatch", "UnrecognizedClient":
            return "The source credentials are not valid: check the source profile's keys."
        case "RegionDisabledException":
            return "Activate STS in this region (IAM account settings) or set another region."
        default:
            return "Check the role ARN and the source credentials."
        }
    }

    /// `application/x-www-form-urlencoded` as the AWS SDKs write it: everything but unreserved characters
    /// (`A-Z a-z 0-9 - _ . ~`) percent-encoded.
    static func formEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                output.unicodeScalars.append("%")
                output.unicodeScalars.append(hex[Int(byte >> 4)])
                output.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return output
    }
}
