#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPIModel

/// A JSON document bound as a parameter: sent as JSON text in `stringValue` with the `JSON` type hint,
/// so Aurora PostgreSQL passes it to `json`/`jsonb` columns and Aurora MySQL to `JSON` columns.
///
/// Implements the `JSON` `typeHint` of
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html
/// ```swift
/// try await client.execute("INSERT INTO events (payload) VALUES (\(DataAPIJSON(event)))")
/// ```
public struct DataAPIJSON: DataAPIParameterValue, Hashable {
    /// The JSON text that is sent.
    public var text: String

    /// Encodes `value` with `JSONEncoder` (keys sorted, so equal values give equal text).
    /// Encoding failures surface as `invalidRequest` when the statement is sent.
    public init(_ value: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            text = String(decoding: try encoder.encode(value), as: UTF8.self)
            encodingFailure = nil
        } catch {
            text = ""
            encodingFailure = "\(error)"
        }
    }

    /// Sends already serialized JSON text as it is.
    public init(text: String) {
        self.text = text
        encodingFailure = nil
    }

    private var encodingFailure: String?

    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue {
        if let encodingFailure {
            throw DataAPIError(
                code: .invalidRequest,
                message: "The JSON parameter could not be encoded (\(encodingFailure)); check the value's Encodable conformance"
            )
        }
        return DataAPIValue(.string(text), typeHint: .json)
    }
}
