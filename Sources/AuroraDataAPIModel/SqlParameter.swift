/// How the Data API should pass a string parameter to the database.
///
/// Implements `TypeHint` of https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html
/// (`DATE` is `YYYY-MM-DD`, `TIME` is `HH:MM:SS[.FFF]`, `TIMESTAMP` is `YYYY-MM-DD HH:MM:SS[.FFF]`).
public struct TypeHint: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `DATE`: the string is `YYYY-MM-DD`.
    public static let date = TypeHint(rawValue: "DATE")
    /// `TIME`: the string is `HH:MM:SS[.FFF]`.
    public static let time = TypeHint(rawValue: "TIME")
    /// `TIMESTAMP`: the string is `YYYY-MM-DD HH:MM:SS[.FFF]`.
    public static let timestamp = TypeHint(rawValue: "TIMESTAMP")
    /// `DECIMAL`: the string is a decimal number.
    public static let decimal = TypeHint(rawValue: "DECIMAL")
    /// `JSON`: the string is JSON text.
    public static let json = TypeHint(rawValue: "JSON")
    /// `UUID`: the string is a UUID.
    public static let uuid = TypeHint(rawValue: "UUID")

    /// Every hint the service model lists.
    public static let all: [TypeHint] = [.date, .time, .timestamp, .decimal, .json, .uuid]

    public var description: String { rawValue }
}

/// A named parameter of a SQL statement (`:name` in the SQL text).
///
/// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html
public struct SqlParameter: Sendable, Hashable, Codable {
    /// The placeholder's name, without the colon (`id` for `:id`).
    public var name: String
    /// The value.
    public var value: Field
    /// How the service should read a string value; nil for none.
    public var typeHint: TypeHint?

    /// A parameter from its parts.
    public init(name: String, value: Field, typeHint: TypeHint? = nil) {
        self.name = name
        self.value = value
        self.typeHint = typeHint
    }
}
