/// Why a throwaway database server could not be started, or a server URL could not be used.
public struct LocalDatabaseServerError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The server binaries are not installed (the message names the package to install).
        public static let missingBinaries = Code(rawValue: "MissingBinaries")
        /// No free loopback port could be bound.
        public static let portInUse = Code(rawValue: "PortInUse")
        /// Initialising or starting the server failed (the message holds the log tail).
        public static let startFailed = Code(rawValue: "StartFailed")
        /// The server did not accept connections in time (the message holds the log tail).
        public static let startTimeout = Code(rawValue: "StartTimeout")
        /// A `postgresql://` or `mysql://` URL could not be understood.
        public static let invalidURL = Code(rawValue: "InvalidURL")
    }

    public var code: Code
    /// What went wrong and what to do about it.
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) [\(code)]" }
}
