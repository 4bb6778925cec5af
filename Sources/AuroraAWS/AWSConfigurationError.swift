/// A problem with the AWS configuration: credentials, shared config files, region or endpoint.
///
/// `code` is extensible (compare with the static members); `message` says what was wrong and what to do next.
/// Messages never contain secret keys or session tokens.
public struct AWSConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// What kind of configuration problem this is.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No provider in the credential chain had credentials.
        public static let credentialsNotFound = Code(rawValue: "CredentialsNotFound")
        /// A provider was configured but its credentials are incomplete or malformed.
        public static let invalidCredentials = Code(rawValue: "InvalidCredentials")
        /// A credential source (credential_process, container or instance metadata endpoint) failed.
        public static let credentialSourceFailed = Code(rawValue: "CredentialSourceFailed")
        /// A shared config or credentials file, or a profile in it, is missing or malformed.
        public static let invalidProfile = Code(rawValue: "InvalidProfile")
        /// The IAM Identity Center (SSO) token is missing, malformed or expired: run `aws sso login`.
        public static let ssoLoginRequired = Code(rawValue: "SSOLoginRequired")
        /// No region could be found.
        public static let regionNotFound = Code(rawValue: "RegionNotFound")
        /// A region name is malformed.
        public static let invalidRegion = Code(rawValue: "InvalidRegion")
        /// An endpoint URL is malformed.
        public static let invalidEndpoint = Code(rawValue: "InvalidEndpoint")
        /// The CA bundle (`AWS_CA_BUNDLE`) cannot be read or holds no PEM certificate.
        public static let invalidCABundle = Code(rawValue: "InvalidCABundle")
    }
}
