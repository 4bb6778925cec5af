// A user's target that also depends on AuroraDataAPIRecords: the plain struct's code is the same as in
// PlainConsumer, and a second struct with the same properties has `@DataAPIRecord`.
import AuroraDataAPIModel
import AuroraDataAPIRecords
import Foundation

/// The same plain `Decodable` struct as `PlainConsumer.PlainProduct`.
public struct Product: Decodable, Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var description: String
    public var price: Decimal
    public var createdAt: Date
    public var active: Bool
    public var score: Double
    public var note: String?
}

/// The same properties, decoded through the `RecordDecodable` conformance the macro writes.
@DataAPIRecord
public struct RecordProduct: Decodable, Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var description: String
    public var price: Decimal
    public var createdAt: Date
    public var active: Bool
    public var score: Double
    public var note: String?
}

/// The rows into the plain struct, decoded as a user would.
public func decodeProducts(_ json: [UInt8]) throws -> [Product] {
    try ExecuteStatementResponse(json: json).decode(
        Product.self, options: RecordDecodingOptions(keyDecodingStrategy: .convertFromSnakeCase))
}

/// The rows into the `@DataAPIRecord` struct, decoded as a user would.
public func decodeRecordProducts(_ json: [UInt8]) throws -> [RecordProduct] {
    try ExecuteStatementResponse(json: json).decode(
        RecordProduct.self, options: RecordDecodingOptions(keyDecodingStrategy: .convertFromSnakeCase))
}
