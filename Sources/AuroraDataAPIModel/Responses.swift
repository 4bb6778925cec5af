/// Response shapes of the RDS Data API.
///
/// Encoding (used by the local endpoint) is the synthesized `Encodable`; decoding on the client goes
/// through the fast response parser (`Responses+Decoding.swift`), which accepts explicit
/// JSON `null` for any optional member.

/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html#API_ExecuteStatement_ResponseSyntax
///
/// A response parsed with ``init(json:)`` keeps its records as parsed cells: ``resultSet`` and record decoding read
/// them directly, and `records` builds the ``Field`` values on first use.
public struct ExecuteStatementResponse: Sendable, Hashable, Encodable {
    public var records: [[Field]]? {
        get {
            switch recordStorage {
            case nil: return nil
            case .fields(let records): return records
            case .parsed(let storage): return storage.fieldRecords
            }
        }
        set { recordStorage = newValue.map(RecordStorage.fields) }
    }
    public var columnMetadata: [ColumnMetadata]?
    public var numberOfRecordsUpdated: Int64?
    public var generatedFields: [Field]?
    public var formattedRecords: String?

    /// Records as given, or as parsed from a response body.
    enum RecordStorage: Sendable {
        case fields([[Field]])
        case parsed(ResultStorage)
    }

    var recordStorage: RecordStorage?

    public init(
        records: [[Field]]? = nil, columnMetadata: [ColumnMetadata]? = nil, numberOfRecordsUpdated: Int64? = nil,
        generatedFields: [Field]? = nil, formattedRecords: String? = nil
    ) {
        self.recordStorage = records.map(RecordStorage.fields)
        self.columnMetadata = columnMetadata
        self.numberOfRecordsUpdated = numberOfRecordsUpdated
        self.generatedFields = generatedFields
        self.formattedRecords = formattedRecords
    }

    enum CodingKeys: String, CodingKey {
        case records, columnMetadata, numberOfRecordsUpdated, generatedFields, formattedRecords
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(records, forKey: .records)
        try container.encodeIfPresent(columnMetadata, forKey: .columnMetadata)
        try container.encodeIfPresent(numberOfRecordsUpdated, forKey: .numberOfRecordsUpdated)
        try container.encodeIfPresent(generatedFields, forKey: .generatedFields)
        try container.encodeIfPresent(formattedRecords, forKey: .formattedRecords)
    }

    public static func == (lhs: ExecuteStatementResponse, rhs: ExecuteStatementResponse) -> Bool {
        lhs.records == rhs.records && lhs.columnMetadata == rhs.columnMetadata
            && lhs.numberOfRecordsUpdated == rhs.numberOfRecordsUpdated && lhs.generatedFields == rhs.generatedFields
            && lhs.formattedRecords == rhs.formattedRecords
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(records)
        hasher.combine(columnMetadata)
        hasher.combine(numberOfRecordsUpdated)
        hasher.combine(generatedFields)
        hasher.combine(formattedRecords)
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
