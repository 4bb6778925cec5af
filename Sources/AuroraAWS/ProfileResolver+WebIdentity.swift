import AuroraSigV4
import Logging

extension ProfileResolver {
    /// `AssumeRoleWithWebIdentity` with the token file of the profile or the environment; nil when neither names
    /// a token file.
    ///
    /// Implements https://docs.aws.amazon.com/sdkref/latest/guide/feature-assume-role-credentials.html (web identity)
    /// as botocore does: each of the token file, role ARN and session name comes from `AWS_WEB_IDENTITY_TOKEN_FILE`,
    /// `AWS_ROLE_ARN`, `AWS_ROLE_SESSION_NAME` when set (unless `environmentDisabled`, i.e. an explicit profile),
    /// else from the profile's `web_identity_token_file`, `role_arn`, `role_session_name`. The token file is read at
    /// every call (the chain calls again at each refresh, so a rotated token is picked up) and sent as read.
    func webIdentity(profile: String, environmentDisabled: Bool) async throws -> ResolvedCredentials? {
        let settings = files.settings(forProfile: profile) ?? [:]
        func setting(_ key: String, _ variable: String) -> (value: String, origin: String)? {
            if !environmentDisabled, let value = environment[variable] { return (value, variable) }
            return settings[key].map { ($0, "\(key) of profile \"\(profile)\"") }
        }
        guard let tokenFile = setting("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE"),
            !tokenFile.value.isEmpty
        else { return nil }
        guard let roleArn = setting("role_arn", "AWS_ROLE_ARN"), !roleArn.value.isEmpty else {
            throw AWSConfigurationError(
                code: .invalidProfile,
                message: "\(tokenFile.origin) names a web identity token file, but no role ARN is set. Set role_arn "
                    + "in profile \"\(profile)\" or AWS_ROLE_ARN.")
        }
        let token: String
        do {
            guard let text = try fileReader.contents(ofFile: tokenFile.value) else {
                throw AWSConfigurationError(code: .invalidProfile, message: "it does not exist")
            }
            token = text
        } catch let error as AWSConfigurationError {
            throw AWSConfigurationError(
                code: .invalidProfile,
                message: "The web identity token file \(tokenFile.value) (\(tokenFile.origin)) cannot be read: "
                    + "\(error.message) Check the path and its permissions.")
        }
        let sessionName = setting("role_session_name", "AWS_ROLE_SESSION_NAME")?.value ?? defaultSessionName()
        let fromEnvironment = tokenFile.origin == "AWS_WEB_IDENTITY_TOKEN_FILE"
        let credentials = try await securityTokenService().assumeRoleWithWebIdentity(
            roleArn: roleArn.value, sessionName: sessionName, token: token,
            context: (fromEnvironment ? "AWS_WEB_IDENTITY_TOKEN_FILE" : "profile \"\(profile)\"") + " (role \(roleArn.value))",
            logger: logger)
        return ResolvedCredentials(
            credentials: credentials,
            sources: ["web-identity (" + (fromEnvironment ? "environment" : "profile \(profile)") + ")"])
    }
}
