/// A record type that rows decode into without the `Decoder` machinery: ``ResultSet/decode(_:options:)`` matches its
/// keys to columns once per result set, then reads each row through a ``RecordCursor``, one call per property.
/// Values, NULL handling and errors are exactly those of the type's `Decodable` conformance, which stays the path
/// for single rows (``Row/decode(_:options:)``) and nested values.
///
/// A conformance lists the coding keys (the names the `Decodable` conformance uses) and reads the properties in that
/// order, `decode(T.self)` for a non-Optional property and `decode(T?.self)` for an Optional one:
///
/// ```swift
/// extension Product: RecordDecodable {
///     static let recordKeys = ["id", "name", "note"]
///     init(record: inout RecordCursor) throws(DataAPIError) {
///         id = try record.decode(Int64.self)
///         name = try record.decode(String.self)
///         note = try record.decode(String?.self)
///     }
/// }
/// ```
public protocol RecordDecodable: Decodable {
    /// The coding key of each property, in the order ``init(record:)`` reads them.
    static var recordKeys: [String] { get }

    /// Reads one row: one `record.decode` call per key of ``recordKeys``, in that order.
    /// - Throws: `.decodingFailed` naming the row and column, as the `Decodable` conformance would.
    init(record: inout RecordCursor) throws(DataAPIError)
}
