#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPIModel
import AuroraDatabaseDrivers

extension StatementOutcome {
    /// Refuses results the Data API would not return: a row over 64 KB, more than 1 MiB in all.
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.html#data-api.limitations)
    func checkSize(_ limits: LocalEndpointConfiguration.Limits) throws(DataAPIError) {
        if exceedsByteLimit { throw Self.responseTooLarge(limits) }
        guard let records else { return }
        var total = 0
        for row in records {
            let rowSize = row.reduce(0) { $0 + $1.dataSize }
            if rowSize > limits.rowBytes {
                throw DataAPIError(
                    code: .databaseError,
                    message: "Packet for query is too large: a result row holds \(rowSize) bytes, more than the "
                        + "\(limits.rowBytes)-byte row limit of the Data API. Select fewer or smaller columns."
                )
            }
            total += rowSize
            if total > limits.responseBytes { throw Self.responseTooLarge(limits) }
        }
    }

    /// The Data API's error for a result over its 1 MiB response limit (its wording, dataapi-protocol.md section 8).
    private static func responseTooLarge(_ limits: LocalEndpointConfiguration.Limits) -> DataAPIError {
        DataAPIError(
            code: .badRequest,
            message: "Database returned more than the allowed response size limit. Page the query "
                + "(LIMIT/OFFSET or keyset) so each call returns at most \(limits.responseBytes) bytes."
        )
    }

    /// The `ExecuteStatement` response: `records` (+ `columnMetadata` on request) for a result set, or
    /// `formattedRecords` for `formatRecordsAs: JSON`; `generatedFields` for statements without a result set.
    /// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html#API_ExecuteStatement_ResponseSyntax
    func executeResponse(
        includeResultMetadata: Bool, formatAsJSON: Bool, limits: LocalEndpointConfiguration.Limits
    ) throws(DataAPIError) -> ExecuteStatementResponse {
        guard let records else {
            return ExecuteStatementResponse(numberOfRecordsUpdated: numberOfRecordsUpdated, generatedFields: generatedFields)
        }
        if formatAsJSON {
            let text = try FormattedRecords.json(records: records, columns: columns)
            if text.utf8.count > limits.formattedRecordsBytes {
                throw DataAPIError(
                    code: .badRequest,
                    message: "The formatted records exceed the \(limits.formattedRecordsBytes)-byte limit of "
                        + "formatRecordsAs JSON. Page the query so each call returns fewer rows."
                )
            }
            return ExecuteStatementResponse(numberOfRecordsUpdated: numberOfRecordsUpdated, formattedRecords: text)
        }
        return ExecuteStatementResponse(
            records: records,
            columnMetadata: includeResultMetadata ? columns : nil,
            numberOfRecordsUpdated: numberOfRecordsUpdated
        )
    }
}
