#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An AWS access key pair, with a session token for temporary credentials.
///
/// `description` never shows the secret key or the token.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-lived keys.
    public var expiration: Date?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    public var description: String {
        "AWSCredentials(accessKeyId: \(accessKeyId), secretAccessKey: <redacted>"
            + (sessionToken == nil ? "" : ", sessionToken: <redacted>")
            + (expiration.map { ", expiration: \($0)" } ?? "") + ")"
    }

    public var debugDescription: String { description }
}
