import Foundation
import Synchronization

/// A scripted IAM Identity Center: the portal's `GetRoleCredentials` and the OIDC `CreateToken` refresh grant on one
/// ``ScriptedHTTPServer``. No emulator implements them, so this fake stands in (point `AWS_ENDPOINT_URL_SSO` and
/// `AWS_ENDPOINT_URL_SSO_OIDC` at ``endpoint``).
///
/// The portal accepts only the access tokens in ``validTokens`` (others get 401 `UnauthorizedException`) and
/// answers role credentials whose access key id is `ASIASSO<account><role>`, so a test can tell which role and
/// account were asked for. `CreateToken` accepts the refresh tokens of ``refreshes`` and makes the new access token
/// valid.
public final class FakeIdentityCenter: Sendable {
    public let server: ScriptedHTTPServer
    private let state: Mutex<(valid: Set<String>, refreshes: [String: (accessToken: String, refreshToken: String)])>

    public var endpoint: String { server.baseURL }

    /// The access tokens the portal accepts now.
    public var validTokens: Set<String> { state.withLock { $0.valid } }

    private init(
        server: ScriptedHTTPServer, validTokens: Set<String>,
        refreshes: [String: (accessToken: String, refreshToken: String)]
    ) {
        self.server = server
        self.state = Mutex((validTokens, refreshes))
    }

    /// - Parameters:
    ///   - validTokens: access tokens the portal accepts.
    ///   - refreshes: refresh token to the new access and refresh tokens `CreateToken` answers.
    public static func start(
        validTokens: Set<String>, refreshes: [String: (accessToken: String, refreshToken: String)] = [:]
    ) async throws -> FakeIdentityCenter {
        let cell = Cell()
        let server = try await ScriptedHTTPServer.start { request in
            await cell.get()?.answer(request) ?? .text("not ready", status: 500)
        }
        let center = FakeIdentityCenter(server: server, validTokens: validTokens, refreshes: refreshes)
        cell.set(center)
        return center
    }

    private final class Cell: Sendable {
        private let value = Mutex<FakeIdentityCenter?>(nil)
        func get() async -> FakeIdentityCenter? { value.withLock { $0 } }
        func set(_ center: FakeIdentityCenter) { value.withLock { $0 = center } }
    }

    private func answer(_ request: RecordedRequest) -> ScriptedResponse {
        if request.method == "GET" && request.uri.hasPrefix("/federation/credentials?") {
            let query = URLComponents(string: request.uri)?.queryItems ?? []
            let role = query.first { $0.name == "role_name" }?.value ?? ""
            let account = query.first { $0.name == "account_id" }?.value ?? ""
            guard let token = request.header("x-amz-sso_bearer_token"), validTokens.contains(token) else {
                return .json(
                    #"{"message":"Session token not found or invalid"}"#, status: 401,
                    headers: [("x-amzn-ErrorType", "UnauthorizedException")])
            }
            let expiration = Int64((Date().timeIntervalSince1970 + 3600) * 1000)
            return .json(
                #"{"roleCredentials":{"accessKeyId":"ASIASSO\#(account)\#(role)","secretAccessKey":"ssosecret","#
                    + #""sessionToken":"ssotoken","expiration":\#(expiration)}}"#)
        }
        if request.method == "POST" && request.uri == "/token" {
            struct Grant: Decodable {
                var grantType: String
                var refreshToken: String?
                var clientId: String?
                var clientSecret: String?
            }
            guard let grant = try? JSONDecoder().decode(Grant.self, from: Data(request.body)),
                grant.grantType == "refresh_token", grant.clientId != nil, grant.clientSecret != nil,
                let refreshToken = grant.refreshToken,
                let next = state.withLock({ $0.refreshes[refreshToken] })
            else {
                return .json(
                    #"{"error":"invalid_grant","error_description":"bad refresh token"}"#, status: 400,
                    headers: [("x-amzn-ErrorType", "InvalidGrantException")])
            }
            state.withLock { _ = $0.valid.insert(next.accessToken) }
            return .json(
                #"{"accessToken":"\#(next.accessToken)","expiresIn":28800,"refreshToken":"\#(next.refreshToken)","tokenType":"Bearer"}"#)
        }
        return .json(#"{"message":"not found"}"#, status: 404)
    }
}
