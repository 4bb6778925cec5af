// TEMPORARY: stands in for H4's error-body reader and fast response parsers until they land; deleted then.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPIModel

struct ErrorBody {
    var code: String?
    var message: String?
    var dbConnectionId: Int64?

    init(json: [UInt8]) {
        struct Shape: Decodable {
            var code: String?
            var Code: String?
            var __type: String?
            var message: String?
            var Message: String?
            var dbConnectionId: Int64?
        }
        let shape = try? JSONDecoder().decode(Shape.self, from: Data(json))
        code = shape?.code ?? shape?.Code ?? shape?.__type
        message = shape?.message ?? shape?.Message
        dbConnectionId = shape?.dbConnectionId
    }
}

extension ExecuteStatementResponse {
    init(json: [UInt8]) throws {
        struct Shape: Decodable {
            var records: [[Field]]?
            var columnMetadata: [ColumnMetadata]?
            var numberOfRecordsUpdated: Int64?
            var generatedFields: [Field]?
            var formattedRecords: String?
        }
        let s = try JSONDecoder().decode(Shape.self, from: Data(json))
        self.init(records: s.records, columnMetadata: s.columnMetadata, numberOfRecordsUpdated: s.numberOfRecordsUpdated, generatedFields: s.generatedFields, formattedRecords: s.formattedRecords)
    }
}
extension BatchExecuteStatementResponse { init(json: [UInt8]) throws { self = try JSONDecoder().decode(Self.self, from: Data(json)) } }
extension BeginTransactionResponse { init(json: [UInt8]) throws { self = try JSONDecoder().decode(Self.self, from: Data(json)) } }
extension EndTransactionResponse { init(json: [UInt8]) throws { self = try JSONDecoder().decode(Self.self, from: Data(json)) } }
