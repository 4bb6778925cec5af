import Foundation

@testable import AuroraDataAPIModel

/// A record of `Fixtures/responses/mysql-select.json` (labels converted from snake_case).
struct Order: Decodable, Equatable {
    struct Attributes: Decodable, Equatable {
        struct Gift: Decodable, Equatable { var wrapped: Bool }
        var color: String?
        var sizes: [Int]
        var gift: Gift?
    }
    var id: Int
    var customerName: String
    var total: Decimal
    var createdAt: Date
    var paid: Bool
    var attributes: Attributes?
    var receipt: Data?
    var externalRef: UInt64?
    var shipDate: Date?
    var shipTime: DataAPITime?
    var weight: Double?
    var priority: Int8
}

/// A record of `Fixtures/responses/postgres-select.json` (exact labels).
struct Event: Decodable, Equatable {
    struct Payload: Decodable, Equatable {
        struct Meta: Decodable, Equatable { var ids: [Int] }
        var kind: String
        var x: Int
        var y: Double
        var meta: Meta?
    }
    var id: UUID
    var seq: Int64
    var scores: [Int?]?
    var tags: [String?]?
    var payload: Payload?
    var occurred_at: Date
    var amount: Decimal?
    var raw: [UInt8]?
    var active: Bool?
    var ratios: [Double]?
}

func parseResponse(_ name: String) throws -> ExecuteStatementResponse {
    try ExecuteStatementResponse(json: try Fixtures.bytes(name))
}

func utcDate(_ text: String) -> Date { DataAPIDateTime.parseTimestamp(text) ?? DataAPIDateTime.parseDate(text)! }
