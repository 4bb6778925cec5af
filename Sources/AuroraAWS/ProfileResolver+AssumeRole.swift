import AuroraSigV4
import Logging

extension ProfileResolver {
    /// The `credential_source` values and the providers behind them, as botocore names them (case-sensitive).
    static let credentialSources = ["Environment", "Ec2InstanceMetadata", "EcsContainer"]

    /// Assumes the role of `profile` with the credentials of its source, following `source_profile` recursively.
    ///
    /// Implements https://docs.aws.amazon.com/sdkref/latest/guide/feature-assume-role-credentials.html with
    /// botocore's rules: exactly one of `source_profile` and `credential_source`; a source profile with static keys
    /// uses them (even when it also has `role_arn`), another role profile is assumed first (chaining), any other
    /// source runs its own profile steps (SSO, `credential_process`, web identity). `visited` holds the profiles
    /// already on the path: meeting one again is a loop, except a profile naming itself when it has static keys.
    func assumeRole(profile: String, visited: inout [String]) async throws -> ResolvedCredentials {
        let settings = files.settings(forProfile: profile) ?? [:]
        guard let roleArn = settings["role_arn"], !roleArn.isEmpty else {
            throw invalid(profile, "has an empty role_arn. Set it to the ARN of the role to assume.")
        }
        let source: ResolvedCredentials
        switch (settings["source_profile"], settings["credential_source"]) {
        case (_?, _?):
            throw invalid(
                profile, "has both source_profile and credential_source. Keep the one that says where the "
                    + "credentials for assuming \(roleArn) come from.")
        case (nil, nil):
            throw invalid(
                profile, "has role_arn but neither source_profile nor credential_source. Add source_profile = <a "
                    + "profile with credentials> or credential_source = Environment, Ec2InstanceMetadata or EcsContainer.")
        case (nil, let credentialSource?):
            source = try await credentials(fromSource: credentialSource, profile: profile)
        case (let sourceProfile?, nil):
            try checkSourceProfile(sourceProfile, of: profile, visited: visited)
            visited.append(sourceProfile)
            source = try await credentials(fromProfile: sourceProfile, referencedBy: profile, visited: &visited)
        }

        var parameters: [(String, String)] = []
        if let value = settings["duration_seconds"] {
            if let seconds = Int(value) {
                parameters.append(("DurationSeconds", String(seconds)))
            } else {
                // botocore drops a duration it cannot read; say so instead of failing where the AWS CLI works.
                logger.warning("Ignoring duration_seconds = \(value) of profile \(profile): not a whole number of seconds")
            }
        }
        if let externalId = settings["external_id"] { parameters.append(("ExternalId", externalId)) }
        if let serial = settings["mfa_serial"] {
            let code = try await mfaPrompt.code(serial: serial, profile: profile)
            parameters += [("SerialNumber", serial), ("TokenCode", code)]
        }
        let credentials = try await securityTokenService().assumeRole(
            roleArn: roleArn, sessionName: settings["role_session_name"] ?? defaultSessionName(), parameters: parameters,
            sourceCredentials: source.credentials, context: "profile \"\(profile)\" (role \(roleArn))", logger: logger)
        return ResolvedCredentials(credentials: credentials, sources: ["assume-role (profile \(profile))"] + source.sources)
    }

    /// The source profile exists, and does not close a loop.
    private func checkSourceProfile(_ source: String, of profile: String, visited: [String]) throws {
        guard let settings = files.settings(forProfile: source) else {
            throw invalid(
                profile, "has source_profile = \(source), but profile \"\(source)\" does not exist in "
                    + "\(files.locations). Fix source_profile or add that profile.")
        }
        guard visited.contains(source) else { return }
        if source == profile && Self.hasStaticKeys(settings) { return }
        throw invalid(
            profile, "has source_profile = \(source), which leads back to a profile already on the way: "
                + (visited + [source]).joined(separator: " -> ") + ". Break the loop (a profile may name itself as "
                + "source_profile only when it holds aws_access_key_id and aws_secret_access_key).")
    }

    private func credentials(fromProfile source: String, referencedBy profile: String, visited: inout [String])
        async throws -> ResolvedCredentials
    {
        let settings = files.settings(forProfile: source) ?? [:]
        if Self.hasStaticKeys(settings) || !Self.assumesRole(settings) {
            // The source's own steps never read the environment's web identity settings (botocore disables them).
            if let resolved = try await profileSteps(profile: source, environmentDisabled: true) { return resolved }
            throw invalid(
                profile, "has source_profile = \(source), but profile \"\(source)\" has no credentials (no keys, "
                    + "credential_process, IAM Identity Center or web identity settings).")
        }
        return try await assumeRole(profile: source, visited: &visited)
    }

    private func credentials(fromSource source: String, profile: String) async throws -> ResolvedCredentials {
        let provider: any CredentialProvider
        switch source {
        case "Environment": provider = EnvironmentCredentialProvider(environment: environment)
        case "Ec2InstanceMetadata":
            provider = InstanceMetadataCredentialProvider(environment: environment, transport: transport)
        case "EcsContainer":
            provider = ContainerCredentialProvider(environment: environment, transport: transport, fileReader: fileReader)
        default:
            throw invalid(
                profile, "has credential_source = \(source), which is not one of "
                    + Self.credentialSources.joined(separator: ", ") + " (spelled exactly so).")
        }
        do {
            return try await provider.resolvedCredentials(logger: logger)
        } catch let error as AWSConfigurationError where error.code == .credentialsNotFound {
            throw invalid(profile, "has credential_source = \(source), which has no credentials: \(error.message)")
        }
    }

    func invalid(_ profile: String, _ problem: String) -> AWSConfigurationError {
        AWSConfigurationError(code: .invalidProfile, message: "Profile \"\(profile)\" in \(files.locations) \(problem)")
    }
}
