/// Why a request could not be signed.
///
/// `code` is extensible; `message` says what was wrong and what to change.
public struct SigV4Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public var code: Code
    /// What was wrong and what to change.
    public var message: String

    /// An error with its code and a message for the user.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// A signing error code. Compare with the static members.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The URL has no `scheme://host` part or cannot be split into host, path and query.
        public static let invalidURL = Code(rawValue: "InvalidURL")
        /// A header name is empty or holds characters a header name cannot hold.
        public static let invalidHeader = Code(rawValue: "InvalidHeader")
        /// A presigned URL lifetime outside 1...604800 seconds.
        public static let invalidExpiration = Code(rawValue: "InvalidExpiration")
    }
}
