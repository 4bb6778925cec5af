/// The AWS shared `config` and `credentials` files, loaded once.
///
/// Implements https://docs.aws.amazon.com/sdkref/latest/guide/file-location.html and
/// https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html: the files are
/// `AWS_CONFIG_FILE` (default `~/.aws/config`) and `AWS_SHARED_CREDENTIALS_FILE` (default `~/.aws/credentials`),
/// `~` is `HOME` from the environment; config sections are `[profile name]` (and `[default]`), credentials
/// sections are `[name]`. A missing file is the same as an empty one.
public struct SharedConfigFiles: Sendable, Equatable {
    /// Profile name to settings from the config file (section names without the `profile ` prefix).
    public var configProfiles: [String: [String: String]]
    /// Profile name to settings from the credentials file.
    public var credentialProfiles: [String: [String: String]]
    /// `[sso-session NAME]` sections of the config file, by name.
    public var ssoSessions: [String: [String: String]] = [:]
    /// The files that were looked at, for error messages.
    public var configPath: String?
    public var credentialsPath: String?

    public init(
        configProfiles: [String: [String: String]] = [:],
        credentialProfiles: [String: [String: String]] = [:],
        configPath: String? = nil,
        credentialsPath: String? = nil
    ) {
        self.configProfiles = configProfiles
        self.credentialProfiles = credentialProfiles
        self.configPath = configPath
        self.credentialsPath = credentialsPath
    }

    /// Reads both files. Throws ``AWSConfigurationError`` (`.invalidProfile`) when a file exists but is malformed.
    public static func load(environment: [String: String], fileReader: FileReader = .live) throws -> SharedConfigFiles {
        let home = environment["HOME"]
        let configPath = expandingHome(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config", home: home)
        let credentialsPath = expandingHome(
            environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials", home: home)
        var files = SharedConfigFiles(configPath: configPath, credentialsPath: credentialsPath)
        if let configPath, let text = try fileReader.contents(ofFile: configPath) {
            for (section, settings) in try INIFile(parsing: text, path: configPath).sections {
                if let session = sectionName(section, prefix: "sso-session") {
                    files.ssoSessions[session, default: [:]].merge(settings) { _, new in new }
                }
                guard let profile = profileName(ofConfigSection: section) else { continue }
                files.configProfiles[profile, default: [:]].merge(settings) { _, new in new }
            }
        }
        if let credentialsPath, let text = try fileReader.contents(ofFile: credentialsPath) {
            files.credentialProfiles = try INIFile(parsing: text, path: credentialsPath).sections
        }
        return files
    }

    /// The profile to use: the explicit one, else `AWS_PROFILE`, else `default`.
    public static func profileName(explicit: String?, environment: [String: String]) -> String {
        explicit ?? environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
    }

    /// The settings of a profile, config file first and credentials file overriding it; nil when neither has it.
    public func settings(forProfile profile: String) -> [String: String]? {
        let config = configProfiles[profile]
        let credentials = credentialProfiles[profile]
        if config == nil && credentials == nil { return nil }
        return (config ?? [:]).merging(credentials ?? [:]) { _, fromCredentials in fromCredentials }
    }

    /// Where the profiles were looked for, e.g. `~/.aws/credentials and ~/.aws/config`, for error messages.
    var locations: String {
        let paths = [credentialsPath, configPath].compactMap { $0 }
        return paths.isEmpty ? "the shared files (HOME is not set)" : paths.joined(separator: " and ")
    }

    /// `[default]` and `[profile name]` are profiles in the config file; other sections (`[sso-session x]`,
    /// `[services x]`, bare `[name]`) are not.
    private static func profileName(ofConfigSection section: String) -> String? {
        section == "default" ? "default" : sectionName(section, prefix: "profile")
    }

    /// The name in `[prefix name]` (one or more spaces or tabs between them), nil for other sections.
    private static func sectionName(_ section: String, prefix: String) -> String? {
        guard section.hasPrefix(prefix + " ") || section.hasPrefix(prefix + "\t") else { return nil }
        let name = section.dropFirst(prefix.count).trimmingWhitespace()
        return name.isEmpty ? nil : String(name)
    }

    /// Replaces a leading `~` with `home`; nil when the path needs a home directory that is not set.
    private static func expandingHome(_ path: String, home: String?) -> String? {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        guard let home, !home.isEmpty else { return nil }
        return home + path.dropFirst()
    }
}
