import Foundation

@testable import AuroraDataAPIModel

// The test record types read through RecordDecodable, so every test decoding them with ResultSet.decode exercises
// the cursor path; `decodedThroughDecoder` gives the `Decodable` path's outcome to compare with.

extension Order: RecordDecodable {
    static let recordKeys = [
        "id", "customerName", "total", "createdAt", "paid", "attributes", "receipt", "externalRef", "shipDate",
        "shipTime", "weight", "priority",
    ]

    init(record: inout RecordCursor) throws(DataAPIError) {
        id = try record.decode(Int.self)
        customerName = try record.decode(String.self)
        total = try record.decode(Decimal.self)
        createdAt = try record.decode(Date.self)
        paid = try record.decode(Bool.self)
        attributes = try record.decode(Attributes?.self)
        receipt = try record.decode(Data?.self)
        externalRef = try record.decode(UInt64?.self)
        shipDate = try record.decode(Date?.self)
        shipTime = try record.decode(DataAPITime?.self)
        weight = try record.decode(Double?.self)
        priority = try record.decode(Int8.self)
    }
}

extension Event: RecordDecodable {
    static let recordKeys = ["id", "seq", "scores", "tags", "payload", "occurred_at", "amount", "raw", "active", "ratios"]

    init(record: inout RecordCursor) throws(DataAPIError) {
        id = try record.decode(UUID.self)
        seq = try record.decode(Int64.self)
        scores = try record.decode([Int?]?.self)
        tags = try record.decode([String?]?.self)
        payload = try record.decode(Payload?.self)
        occurred_at = try record.decode(Date.self)
        amount = try record.decode(Decimal?.self)
        raw = try record.decode([UInt8]?.self)
        active = try record.decode(Bool?.self)
        ratios = try record.decode([Double]?.self)
    }
}

extension ResultSet {
    /// Every row decoded through the type's `Decodable` conformance (the path `RecordDecodable` must match).
    func decodedThroughDecoder<T: Decodable>(_ type: T.Type, options: RecordDecodingOptions) throws(DataAPIError) -> [T] {
        try withDecoder(options: options) { decoder throws(DataAPIError) in
            var values: [T] = []
            for row in 0..<count {
                decoder.row = row
                values.append(try decoder.decodeRow(type))
            }
            return values
        }
    }

    /// The outcome of both paths, as text: the values or the error's code and message.
    func outcomes<T: RecordDecodable>(_ type: T.Type, options: RecordDecodingOptions) -> (record: String, decodable: String) {
        func text(_ body: () throws(DataAPIError) -> [T]) -> String {
            do {
                return String(reflecting: try body())
            } catch {
                return "\(error.code): \(error.message)"
            }
        }
        return (text { () throws(DataAPIError) in try decode(type, options: options) },
            text { () throws(DataAPIError) in try decodedThroughDecoder(type, options: options) })
    }
}
