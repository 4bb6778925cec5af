import AuroraSigV4
import Logging

extension ProfileResolver {
    /// IAM Identity Center role credentials of the profile; nil when it has neither `sso_account_id` nor
    /// `sso_role_name`.
    ///
    /// Implements https://docs.aws.amazon.com/sdkref/latest/guide/feature-sso-credentials.html with botocore's
    /// checks: the `[sso-session NAME]` section the profile names must exist, its settings merge into the profile's
    /// (a setting given differently in both is an error), and `sso_start_url`, `sso_region`, `sso_account_id` and
    /// `sso_role_name` must all be present.
    func sso(profile: String) async throws -> ResolvedCredentials? {
        guard let settings = try ssoSettings(profile: profile) else { return nil }
        let credentials = try await SSORoleCredentials(
            settings: settings, environment: environment, transport: transport, fileReader: fileReader, now: now
        ).credentials(logger: logger)
        let source = settings.session.map { "session \($0)" } ?? "profile \(profile), legacy sso_start_url"
        return ResolvedCredentials(credentials: credentials, sources: ["sso (\(source))"])
    }

    func ssoSettings(profile: String) throws -> SSOProfileSettings? {
        var settings = files.settings(forProfile: profile) ?? [:]
        guard settings["sso_account_id"] != nil || settings["sso_role_name"] != nil else { return nil }
        var required = ["sso_start_url", "sso_region", "sso_account_id", "sso_role_name"]
        let session = settings["sso_session"]
        if let session {
            guard let sessionSettings = files.ssoSessions[session] else {
                throw invalid(
                    profile, "has sso_session = \(session), but there is no [sso-session \(session)] section in "
                        + "\(files.configPath ?? "the config file"). Add it, or run `aws configure sso`.")
            }
            for (key, value) in sessionSettings {
                if let own = settings[key], own != value {
                    throw invalid(
                        profile, "has \(key) = \(own), but its [sso-session \(session)] says \(value). Remove the "
                            + "setting from the profile.")
                }
                settings[key] = value
            }
            required.append("sso_session")
        }
        let missing = required.filter { settings[$0] == nil }
        guard missing.isEmpty else {
            throw invalid(profile, "uses IAM Identity Center but has no \(missing.joined(separator: ", ")).")
        }
        return SSOProfileSettings(
            profile: profile, session: session, startUrl: settings["sso_start_url"]!, region: settings["sso_region"]!,
            accountId: settings["sso_account_id"]!, roleName: settings["sso_role_name"]!)
    }
}
