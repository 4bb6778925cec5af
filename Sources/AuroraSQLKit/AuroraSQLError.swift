/// A statement the Data API cannot run the way SQLKit or Fluent asked for it, found before or after the call.
///
/// Database errors themselves stay `DataAPIError`s (their `databaseDetails` carry the engine's SQLState);
/// this error names a limit of the Data API and what to do instead.
/// See https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.html#data-api.limitations
public struct AuroraSQLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of limit was met.
    public var code: Code
    /// What happened and what to do next.
    public var message: String

    /// An error from its code and message.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// The kind of limit. Compare with the static members; new kinds may be added.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// More than one statement in one call: the Data API runs exactly one statement per `ExecuteStatement`.
        public static let multipleStatements = Code(rawValue: "MultipleStatements")
        /// The result is over the Data API's 1 MiB response limit, or one row is over its 64 KB row limit.
        public static let resultTooLarge = Code(rawValue: "ResultTooLarge")
        /// A bound value that cannot travel as a Data API parameter.
        public static let unsupportedBind = Code(rawValue: "UnsupportedBind")
        /// The engine could not be detected.
        public static let engineDetection = Code(rawValue: "EngineDetection")
    }
}
