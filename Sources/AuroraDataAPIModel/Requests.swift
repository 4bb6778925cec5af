/// Request shapes of the RDS Data API, member for member as the service model
/// (`rds-data` 2018-08-01) defines them. Optional members are omitted from the JSON when nil.
///
/// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_Operations.html

/// `resultSetOptions.decimalReturnType`: `STRING` (default) or `DOUBLE_OR_LONG`.
public struct DecimalReturnType: RawRepresentable, Sendable, Hashable, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let string = DecimalReturnType(rawValue: "STRING")
    public static let doubleOrLong = DecimalReturnType(rawValue: "DOUBLE_OR_LONG")
}

/// `resultSetOptions.longReturnType`: `LONG` (default) or `STRING`.
public struct LongReturnType: RawRepresentable, Sendable, Hashable, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let long = LongReturnType(rawValue: "LONG")
    public static let string = LongReturnType(rawValue: "STRING")
}

/// `formatRecordsAs`: `NONE` (default) or `JSON`.
public struct RecordsFormatType: RawRepresentable, Sendable, Hashable, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let none = RecordsFormatType(rawValue: "NONE")
    public static let json = RecordsFormatType(rawValue: "JSON")
}

/// Options that control how the result set is returned.
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ResultSetOptions.html
public struct ResultSetOptions: Sendable, Hashable, Codable {
    public var decimalReturnType: DecimalReturnType?
    public var longReturnType: LongReturnType?
    public init(decimalReturnType: DecimalReturnType? = nil, longReturnType: LongReturnType? = nil) {
        self.decimalReturnType = decimalReturnType
        self.longReturnType = longReturnType
    }
}

/// `POST /Execute`. https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html
public struct ExecuteStatementRequest: Sendable, Hashable, Codable {
    public var resourceArn: String
    public var secretArn: String
    public var sql: String
    public var database: String?
    public var schema: String?
    public var parameters: [SqlParameter]?
    public var transactionId: String?
    public var includeResultMetadata: Bool?
    public var continueAfterTimeout: Bool?
    public var resultSetOptions: ResultSetOptions?
    public var formatRecordsAs: RecordsFormatType?

    public init(
        resourceArn: String, secretArn: String, sql: String, database: String? = nil, schema: String? = nil,
        parameters: [SqlParameter]? = nil, transactionId: String? = nil, includeResultMetadata: Bool? = nil,
        continueAfterTimeout: Bool? = nil, resultSetOptions: ResultSetOptions? = nil,
        formatRecordsAs: RecordsFormatType? = nil
    ) {
        self.resourceArn = resourceArn
        self.secretArn = secretArn
        self.sql = sql
        self.database = database
        self.schema = schema
        self.parameters = parameters
        self.transactionId = transactionId
        self.includeResultMetadata = includeResultMetadata
        self.continueAfterTimeout = continueAfterTimeout
        self.resultSetOptions = resultSetOptions
        self.formatRecordsAs = formatRecordsAs
    }
}

/// `POST /BatchExecute`. https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BatchExecuteStatement.html
public struct BatchExecuteStatementRequest: Sendable, Hashable, Codable {
    public var resourceArn: String
    public var secretArn: String
    public var sql: String
    public var database: String?
    public var schema: String?
    public var parameterSets: [[SqlParameter]]?
    public var transactionId: String?

    public init(
        resourceArn: String, secretArn: String, sql: String, database: String? = nil, schema: String? = nil,
        parameterSets: [[SqlParameter]]? = nil, transactionId: String? = nil
    ) {
        self.resourceArn = resourceArn
        self.secretArn = secretArn
        self.sql = sql
        self.database = database
        self.schema = schema
        self.parameterSets = parameterSets
        self.transactionId = transactionId
    }
}

/// `POST /BeginTransaction`. https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BeginTransaction.html
public struct BeginTransactionRequest: Sendable, Hashable, Codable {
    public var resourceArn: String
    public var secretArn: String
    public var database: String?
    public var schema: String?

    public init(resourceArn: String, secretArn: String, database: String? = nil, schema: String? = nil) {
        self.resourceArn = resourceArn
        self.secretArn = secretArn
        self.database = database
        self.schema = schema
    }
}

/// `POST /CommitTransaction` and `POST /RollbackTransaction` take the same members.
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_CommitTransaction.html
public struct EndTransactionRequest: Sendable, Hashable, Codable {
    public var resourceArn: String
    public var secretArn: String
    public var transactionId: String

    public init(resourceArn: String, secretArn: String, transactionId: String) {
        self.resourceArn = resourceArn
        self.secretArn = secretArn
        self.transactionId = transactionId
    }
}
