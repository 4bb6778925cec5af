/// Response shapes of the RDS Data API.
///
/// Encoding (used by the local endpoint) is the synthesized `Encodable`; decoding on the client goes
/// through the fast response parser (`ExecuteStatementResponse+Decoding.swift`), which accepts explicit
/// JSON `null` for any optional member.

/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html#API_ExecuteStatement_ResponseSyntax
public struct ExecuteStatementResponse: Sendable, Hashable, Encodable {
    public var records: [[Field]]?
    public var columnMetadata: [ColumnMetadata]?
    public var numberOfRecordsUpdated: Int64?
    public var generatedFields: [Field]?
    public var formattedRecords: String?

    public init(
        records: [[Field]]? = nil, columnMetadata: [ColumnMetadata]? = nil, numberOfRecordsUpdated: Int64? = nil,
        generatedFields: [Field]? = nil, formattedRecords: String? = nil
    ) {
        self.records = records
        self.columnMetadata = columnMetadata
        self.numberOfRecordsUpdated = numberOfRecordsUpdated
        self.generatedFields = generatedFields
        self.formattedRecords = formattedRecords
    }
}

/// One entry per parameter set of a BatchExecuteStatement call.
public struct UpdateResult: Sendable, Hashable, Codable {
    public var generatedFields: [Field]?
    public init(generatedFields: [Field]? = nil) { self.generatedFields = generatedFields }
}

/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BatchExecuteStatement.html#API_BatchExecuteStatement_ResponseSyntax
public struct BatchExecuteStatementResponse: Sendable, Hashable, Codable {
    public var updateResults: [UpdateResult]?
    public init(updateResults: [UpdateResult]? = nil) { self.updateResults = updateResults }
}

/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BeginTransaction.html#API_BeginTransaction_ResponseSyntax
public struct BeginTransactionResponse: Sendable, Hashable, Codable {
    public var transactionId: String?
    public init(transactionId: String? = nil) { self.transactionId = transactionId }
}

/// Commit and rollback answer with the transaction's status text
/// (`Transaction Committed`, `Rollback Complete`); treat it as opaque.
public struct EndTransactionResponse: Sendable, Hashable, Codable {
    public var transactionStatus: String?
    public init(transactionStatus: String? = nil) { self.transactionStatus = transactionStatus }
}
