/// How the Data API should pass a string parameter to the database.
///
/// Implements `TypeHint` of https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html
/// (`DATE` is `YYYY-MM-DD`, `TIME` is `HH:MM:SS[.FFF]`, `TIMESTAMP` is `YYYY-MM-DD HH:MM:SS[.FFF]`).
public struct TypeHint: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let date = TypeHint(rawValue: "DATE")
    public static let time = TypeHint(rawValue: "TIME")
    public static let timestamp = TypeHint(rawValue: "TIMESTAMP")
    public static let decimal = TypeHint(rawValue: "DECIMAL")
    public static let json = TypeHint(rawValue: "JSON")
    public static let uuid = TypeHint(rawValue: "UUID")

    /// Every hint the service model lists.
    public static let all: [TypeHint] = [.date, .time, .timestamp, .decimal, .json, .uuid]

    public var description: String { rawValue }
}

/// A named parameter of a SQL statement (`:name` in the SQL text).
///
/// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html
public struct SqlParameter: Sendable, Hashable, Codable {
    public var name: String
    public var value: Field
    public var typeHint: TypeHint?

    public init(name: String, value: Field, typeHint: TypeHint? = nil) {
        self.name = name
        self.value = value
        self.typeHint = typeHint
    }
}
