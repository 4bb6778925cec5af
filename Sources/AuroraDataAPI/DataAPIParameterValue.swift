import AuroraDataAPIModel

/// A Swift value that can be bound to a `:name` placeholder: it knows the `Field` member and the
/// optional `typeHint` the Data API needs to pass it to the database as the right SQL type.
///
/// Implements the value side of `SqlParameter`
/// (https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html).
/// Conformances shipped with the client:
///
/// | Swift | Field | typeHint |
/// |---|---|---|
/// | `Int`, `Int8`…`Int64`, `UInt8`…`UInt32` | `longValue` | – |
/// | `UInt`, `UInt64` | `longValue` when ≤ `Int64.max`, otherwise an `invalidRequest` error (bind a `Decimal` instead) | – |
/// | `Double`, `Float` | `doubleValue` | – |
/// | `Bool` | `booleanValue` | – |
/// | `String` | `stringValue` | – |
/// | `Decimal` | `stringValue` | `DECIMAL` |
/// | `UUID` | `stringValue` (lower case) | `UUID` |
/// | `Date` | `stringValue` `YYYY-MM-DD HH:MM:SS.ffffff` in UTC | `TIMESTAMP` |
/// | ``SQLDate`` / `DataAPITime` | `stringValue` `YYYY-MM-DD` / `HH:MM:SS[.ffffff]` | `DATE` / `TIME` |
/// | ``DataAPIJSON`` | `stringValue` (JSON text) | `JSON` |
/// | `Data`, `[UInt8]` | `blobValue` | – |
/// | `Optional.none` | `isNull` | – |
/// | any other array | refused: "Array parameters are not supported" by the service | – |
public protocol DataAPIParameterValue: Sendable {
    /// The wire value of this parameter, or an `invalidRequest` error when it cannot be sent.
    func dataAPIValue() throws(DataAPIError) -> DataAPIValue
}

/// A parameter value as it travels on the wire: a `Field` and an optional type hint.
public struct DataAPIValue: Sendable, Hashable {
    /// The value.
    public var field: Field
    /// How the service should read a string value (`DATE`, `DECIMAL`, `JSON`, ...); nil for none.
    public var typeHint: TypeHint?

    /// A value with an optional type hint.
    public init(_ field: Field, typeHint: TypeHint? = nil) {
        self.field = field
        self.typeHint = typeHint
    }

    /// The `SqlParameter` that binds this value to `:name`.
    public func parameter(named name: String) -> SqlParameter {
        SqlParameter(name: name, value: field, typeHint: typeHint)
    }
}

extension DataAPIValue: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { self }
}

extension SqlParameter {
    /// Binds a Swift value to `:name`.
    /// - Throws: `DataAPIError` with code `invalidRequest` when the value cannot be sent (arrays, `UInt64` above `Int64.max`).
    public init(name: String, _ value: some DataAPIParameterValue) throws(DataAPIError) {
        self = try value.dataAPIValue().parameter(named: name)
    }
}
