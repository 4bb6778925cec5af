#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Crypto
import Logging

/// An IAM Identity Center access token from the AWS CLI's cache, `~/.aws/sso/cache/<sha1>.json`.
///
/// Implements the token cache of https://docs.aws.amazon.com/sdkref/latest/guide/feature-sso-credentials.html
/// ("SSO token provider"): the file name is the hex SHA-1 of the `sso-session` name (or of the start URL for
/// legacy profiles). `aws sso login` writes it; this type reads it and, for `sso-session` profiles, refreshes it
/// through the OIDC `CreateToken` refresh grant
/// (https://docs.aws.amazon.com/singlesignon/latest/OIDCAPIReference/API_CreateToken.html) within 15 minutes of its
/// expiry, writing the new token back atomically with mode 0600. Unknown fields of the file are not kept (the AWS
/// CLI rewrites it the same way).
struct SSOTokenFile: Codable, Sendable {
    var startUrl: String?
    var region: String?
    var accessToken: String?
    var expiresAt: String?
    var refreshToken: String?
    var clientId: String?
    var clientSecret: String?
    var registrationExpiresAt: String?

    /// The cache file of `key` (a session name or a start URL) under `home`.
    static func path(key: String, home: String) -> String {
        let digest = Insecure.SHA1.hash(data: Array(key.utf8))
        return home + "/.aws/sso/cache/" + digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined() + ".json"
    }

    /// Reads and decodes the cache file; `login` is the command that writes it, for error messages.
    static func read(path: String, fileReader: FileReader, login: String) throws -> SSOTokenFile {
        guard let text = try fileReader.contents(ofFile: path) else {
            throw AWSConfigurationError(
                code: .ssoLoginRequired,
                message: "There is no IAM Identity Center token in \(path). Run `\(login)` and try again.")
        }
        do {
            return try JSONDecoder().decode(SSOTokenFile.self, from: Data(text.utf8))
        } catch {
            throw AWSConfigurationError(
                code: .ssoLoginRequired,
                message: "The IAM Identity Center token cache \(path) is not a JSON token object "
                    + "(\(text.utf8.count) bytes could not be decoded). Run `\(login)` to write it again.")
        }
    }

    /// Parses the cache's timestamps: ISO 8601, and the `2019-11-14T04:05:45UTC` form of older CLIs.
    static func date(_ text: String?) -> Date? {
        guard var text else { return nil }
        if text.hasSuffix("UTC") { text = String(text.dropLast(3)) + "Z" }
        return ISO8601Timestamp.parse(text)
    }

    /// `2026-12-07T04:00:00Z`, the form the AWS CLI writes.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    /// Writes `self` to `path` through a temporary file in the same directory, created with mode 0600 and renamed
    /// over the old one, so a reader sees either the old or the new token, never half of one.
    func save(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = Array(try encoder.encode(self))
        let temporary = path + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Self.writeError(path, errno) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let code = errno
                close(fd)
                unlink(temporary)
                throw Self.writeError(path, code)
            }
            written += count
        }
        guard fsync(fd) == 0, close(fd) == 0, rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Self.writeError(path, code)
        }
    }

    private static func writeError(_ path: String, _ code: Int32) -> AWSConfigurationError {
        AWSConfigurationError(
            code: .credentialSourceFailed,
            message: "Could not write the refreshed IAM Identity Center token to \(path) (\(String(cString: strerror(code)))). "
                + "Check the permissions of its directory.")
    }
}

/// Refreshes an `sso-session` token through the OIDC service.
struct SSOTokenRefresher: Sendable {
    var endpoint: ServiceEndpoint
    var transport: any HTTPTransport
    var now: @Sendable () -> Date
    var timeout: Duration = .seconds(10)
    /// The refresh starts this long before the token expires (botocore's window).
    static let window: TimeInterval = 15 * 60

    /// The token to use: the cached one, or a refreshed one written back to `path` when the cached one expires
    /// within the window and can be refreshed. A failed refresh keeps the cached token (as botocore does): the
    /// caller then finds it expired or not.
    func freshToken(_ token: SSOTokenFile, path: String, startUrl: String, region: String, logger: Logger) async
        -> SSOTokenFile
    {
        guard let expiresAt = SSOTokenFile.date(token.expiresAt),
            expiresAt.timeIntervalSince(now()) < Self.window,
            let refreshToken = token.refreshToken, let clientId = token.clientId,
            let clientSecret = token.clientSecret,
            let registrationExpiresAt = SSOTokenFile.date(token.registrationExpiresAt),
            registrationExpiresAt > now()
        else { return token }
        struct Request: Encodable {
            var grantType = "refresh_token"
            var clientId: String
            var clientSecret: String
            var refreshToken: String
        }
        struct Answer: Decodable {
            var accessToken: String
            var expiresIn: Int
            var refreshToken: String?
        }
        do {
            let body = try JSONEncoder().encode(
                Request(clientId: clientId, clientSecret: clientSecret, refreshToken: refreshToken))
            let request = HTTPRequest(
                method: "POST", url: endpoint.url(path: "/token"), headers: [("Content-Type", "application/json")],
                body: Array(body))
            let response = try await transport.send(request, timeout: timeout)
            guard response.status == 200 else {
                logger.warning("Refreshing the IAM Identity Center token failed (HTTP \(response.status)); using the cached one")
                return token
            }
            let answer = try JSONDecoder().decode(Answer.self, from: Data(response.body))
            var fresh = token
            fresh.startUrl = startUrl
            fresh.region = region
            fresh.accessToken = answer.accessToken
            fresh.expiresAt = SSOTokenFile.timestamp(now().addingTimeInterval(TimeInterval(answer.expiresIn)))
            if let newRefreshToken = answer.refreshToken { fresh.refreshToken = newRefreshToken }
            try fresh.save(to: path)
            logger.debug("Refreshed the IAM Identity Center token in \(path)")
            return fresh
        } catch {
            // Transport and configuration errors carry no token; anything else is named by its type only.
            let reason = (error as? TransportError)?.description ?? (error as? AWSConfigurationError)?.message
                ?? "\(type(of: error))"
            logger.warning("Refreshing the IAM Identity Center token failed (\(reason)); using the cached one")
            return token
        }
    }
}
