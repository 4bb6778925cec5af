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
    /// The rows, each a list of fields in column order; nil when the statement returns no rows or with
    /// `formatRecordsAs: JSON`.
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
    /// The result's columns, when `includeResultMetadata` was asked for.
    public var columnMetadata: [ColumnMetadata]?
    /// The number of rows the statement changed.
    public var numberOfRecordsUpdated: Int64?
    /// Values the database generated (MySQL `AUTO_INCREMENT` ids); PostgreSQL uses `RETURNING` instead.
    public var generatedFields: [Field]?
    /// The rows as one JSON text (an array of objects by label), with `formatRecordsAs: JSON`.
    public var formattedRecords: String?

    /// Records as given, or as parsed from a response body.
    enum RecordStorage: Sendable {
        case fields([[Field]])
        case parsed(ResultStorage)
    }

    var recordStorage: RecordStorage?

    /// A response from its members.
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
    /// Values the database generated for this parameter set (MySQL `AUTO_INCREMENT` ids).
    public var generatedFields: [Field]?
    /// A result from its members.
    public init(generatedFields: [Field]? = nil) { self.generatedFields = generatedFields }
}

/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BatchExecuteStatement.html#API_BatchExecuteStatement_ResponseSyntax
public struct BatchExecuteStatementResponse: Sendable, Hashable, Codable {
    /// One result per parameter set, in order.
    public var updateResults: [UpdateResult]?
    /// A response from its members.
    public init(updateResults: [UpdateResult]? = nil) { self.updateResults = updateResults }
}

/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BeginTransaction.html#API_BeginTransaction_ResponseSyntax
public struct BeginTransactionResponse: Sendable, Hashable, Codable {
    /// The new transaction's id, to pass to later calls.
    public var transactionId: String?
    /// A response from its members.
    public init(transactionId: String? = nil) { self.transactionId = transactionId }
}

/// Commit and rollback answer with the transaction's status text
/// (`Transaction Committed`, `Rollback Complete`); treat it as opaque.
public struct EndTransactionResponse: Sendable, Hashable, Codable {
    /// What happened to the transaction, e.g. `Transaction Committed` or `Rollback Complete`.
    public var transactionStatus: String?
    /// A response from its members.
    public init(transactionStatus: String? = nil) { self.transactionStatus = transactionStatus }
}
