@_exported import AuroraDataAPIModel

/// Writes a struct's `RecordDecodable` conformance, so that `ResultSet.decode(_:options:)` reads its rows
/// without the `Decoder` machinery. The keys and the reads are those of the struct's synthesized `Decodable`
/// conformance: stored properties in declaration order (computed, `static` and `let`-with-a-value ones skipped), or
/// the cases of its `CodingKeys` enum with their raw values; Optional properties read `nil` for NULL or a missing
/// column.
///
/// ```swift
/// @DataAPIRecord
/// struct Product: Decodable {
///     var id: Int64
///     var name: String
///     var note: String?
/// }
/// ```
///
/// The struct must not declare its own `init(from:)`, each property read needs a written type, and `lazy`
/// properties, property wrappers and properties inside `#if` are refused.
@attached(extension, conformances: RecordDecodable, names: named(recordKeys), named(init(record:)))
public macro DataAPIRecord() = #externalMacro(module: "AuroraRecordMacros", type: "DataAPIRecordMacro")
