#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraSigV4
import Logging

/// The settings of an IAM Identity Center profile, after merging its `[sso-session NAME]` section.
struct SSOProfileSettings: Sendable, Equatable {
    var profile: String
    /// nil for the legacy form (`sso_start_url` and `sso_region` in the profile itself).
    var session: String?
    var startUrl: String
    var region: String
    var accountId: String
    var roleName: String

    /// What `aws sso login` should be told, for error messages.
    var loginCommand: String { "aws sso login --profile \(profile)" }
}

/// Role credentials from the IAM Identity Center portal, with the cached access token.
///
/// Implements https://docs.aws.amazon.com/sdkref/latest/guide/feature-sso-credentials.html: the token from
/// ``SSOTokenFile`` (refreshed for `sso-session` profiles), then the unsigned
/// `GET /federation/credentials?role_name=…&account_id=…` with header `x-amz-sso_bearer_token`
/// (https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/API_GetRoleCredentials.html) at
/// `AWS_ENDPOINT_URL_SSO`, else `AWS_ENDPOINT_URL`, else `https://portal.sso.{region}.amazonaws.com`; the OIDC
/// refresh goes to `AWS_ENDPOINT_URL_SSO_OIDC`, else `AWS_ENDPOINT_URL`, else `https://oidc.{region}.amazonaws.com`.
struct SSORoleCredentials: Sendable {
    var settings: SSOProfileSettings
    var environment: [String: String]
    var transport: any HTTPTransport
    var fileReader: FileReader
    var now: @Sendable () -> Date
    var timeout: Duration = .seconds(10)

    func credentials(logger: Logger) async throws -> AWSCredentials {
        let token = try await accessToken(logger: logger)
        let portal =
            try ServiceEndpoint.configured(serviceVariable: "AWS_ENDPOINT_URL_SSO", environment: environment)
            ?? ServiceEndpoint.regional("portal.sso", region: settings.region, source: "sso_region of profile \"\(settings.profile)\"")
        let query = "role_name=\(SecurityTokenService.formEncode(settings.roleName))"
            + "&account_id=\(SecurityTokenService.formEncode(settings.accountId))"
        let request = HTTPRequest(
            method: "GET", url: portal.url(path: "/federation/credentials?" + query),
            headers: [("x-amz-sso_bearer_token", token), ("Accept", "application/json")])
        logger.debug("Fetching IAM Identity Center role credentials from \(portal) for profile \(settings.profile)")
        let response: HTTPResponse
        do {
            response = try await transport.send(request, timeout: timeout)
        } catch let error as TransportError {
            throw AWSConfigurationError(
                code: .credentialSourceFailed,
                message: "The IAM Identity Center portal \(portal) did not answer for profile \"\(settings.profile)\" "
                    + "(\(error)). Check the network, sso_region and AWS_ENDPOINT_URL_SSO.")
        }
        return try Self.roleCredentials(from: response, settings: settings)
    }

    /// The cached token, refreshed when it is close to expiry; throws `.ssoLoginRequired` when it has expired.
    private func accessToken(logger: Logger) async throws -> String {
        guard let home = environment["HOME"], !home.isEmpty else {
            throw AWSConfigurationError(
                code: .ssoLoginRequired,
                message: "Profile \"\(settings.profile)\" uses IAM Identity Center, whose token cache is under "
                    + "~/.aws/sso/cache, but HOME is not set.")
        }
        let path = SSOTokenFile.path(key: settings.session ?? settings.startUrl, home: home)
        var token = try SSOTokenFile.read(path: path, fileReader: fileReader, login: settings.loginCommand)
        if settings.session != nil {
            let oidc =
                try ServiceEndpoint.configured(serviceVariable: "AWS_ENDPOINT_URL_SSO_OIDC", environment: environment)
                ?? ServiceEndpoint.regional("oidc", region: settings.region, source: "sso_region of profile \"\(settings.profile)\"")
            token = await SSOTokenRefresher(endpoint: oidc, transport: transport, now: now).freshToken(
                token, path: path, startUrl: settings.startUrl, region: settings.region, logger: logger)
        }
        guard let accessToken = token.accessToken, !accessToken.isEmpty,
            let expiresAt = SSOTokenFile.date(token.expiresAt)
        else {
            throw AWSConfigurationError(
                code: .ssoLoginRequired,
                message: "The IAM Identity Center token cache \(path) has no accessToken or no valid expiresAt. "
                    + "Run `\(settings.loginCommand)` and try again.")
        }
        guard expiresAt > now() else {
            throw AWSConfigurationError(
                code: .ssoLoginRequired,
                message: "The IAM Identity Center session of profile \"\(settings.profile)\""
                    + (settings.session.map { " (sso-session \($0))" } ?? "")
                    + " expired at \(SSOTokenFile.timestamp(expiresAt)). Run `\(settings.loginCommand)` and try again.")
        }
        return accessToken
    }

    static func roleCredentials(from response: HTTPResponse, settings: SSOProfileSettings) throws -> AWSCredentials {
        struct Answer: Decodable {
            struct RoleCredentials: Decodable {
                var accessKeyId: String?
                var secretAccessKey: String?
                var sessionToken: String?
                var expiration: Int64?
            }
            var roleCredentials: RoleCredentials?
        }
        let role = "role \(settings.roleName) in account \(settings.accountId)"
        switch response.status {
        case 200:
            break
        case 401:
            throw AWSConfigurationError(
                code: .ssoLoginRequired,
                message: "IAM Identity Center refused the token of profile \"\(settings.profile)\" (UnauthorizedException): "
                    + "the session has expired or was revoked. Run `\(settings.loginCommand)` and try again.")
        case 403:
            throw AWSConfigurationError(
                code: .credentialSourceFailed,
                message: "IAM Identity Center refused \(role) for profile \"\(settings.profile)\" (ForbiddenException). "
                    + "Check sso_account_id and sso_role_name, and that your user is assigned that permission set.")
        default:
            throw AWSConfigurationError(
                code: .credentialSourceFailed,
                message: "The IAM Identity Center portal answered HTTP \(response.status) for \(role) of profile "
                    + "\"\(settings.profile)\". Try again later, or check AWS_ENDPOINT_URL_SSO.")
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(response.body)),
            let credentials = answer.roleCredentials, let accessKeyId = credentials.accessKeyId, !accessKeyId.isEmpty,
            let secretAccessKey = credentials.secretAccessKey, !secretAccessKey.isEmpty
        else {
            throw AWSConfigurationError(
                code: .credentialSourceFailed,
                message: "The IAM Identity Center portal answered \(role) of profile \"\(settings.profile)\" without "
                    + "roleCredentials. Check AWS_ENDPOINT_URL_SSO.")
        }
        return AWSCredentials(
            accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: credentials.sessionToken,
            expiration: credentials.expiration.map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) })
    }
}
