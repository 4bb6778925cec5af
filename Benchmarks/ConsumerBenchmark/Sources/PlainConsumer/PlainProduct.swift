// A user's target without AuroraDataAPIRecords (AuroraDataAPI re-exports the same AuroraDataAPIModel).
import AuroraDataAPIModel
import Foundation

/// The README's kind of record: a plain `Decodable` struct.
public struct PlainProduct: Decodable, Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var description: String
    public var price: Decimal
    public var createdAt: Date
    public var active: Bool
    public var score: Double
    public var note: String?
}

/// The rows of an ExecuteStatement response body, decoded as a user would.
public func decodePlainProducts(_ json: [UInt8]) throws -> [PlainProduct] {
    try ExecuteStatementResponse(json: json).decode(
        PlainProduct.self, options: RecordDecodingOptions(keyDecodingStrategy: .convertFromSnakeCase))
}
