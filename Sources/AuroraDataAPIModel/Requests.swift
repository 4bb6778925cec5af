/// Request shapes of the RDS Data API, member for member as the service model
/// (`rds-data` 2018-08-01) defines them. Optional members are omitted from the JSON when nil.
///
/// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_Operations.html

/// `resultSetOptions.decimalReturnType`: `STRING` (default) or `DOUBLE_OR_LONG`.
public struct DecimalReturnType: RawRepresentable, Sendable, Hashable, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// `STRING`: DECIMAL values come as text, with no precision lost (the default).
    public static let string = DecimalReturnType(rawValue: "STRING")
    /// `DOUBLE_OR_LONG`: DECIMAL values come as numbers (a double may lose precision).
    public static let doubleOrLong = DecimalReturnType(rawValue: "DOUBLE_OR_LONG")
}

/// `resultSetOptions.longReturnType`: `LONG` (default) or `STRING`.
public struct LongReturnType: RawRepresentable, Sendable, Hashable, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// `LONG`: BIGINT values come as `longValue` (the default).
    public static let long = LongReturnType(rawValue: "LONG")
    /// `STRING`: BIGINT values come as text.
    public static let string = LongReturnType(rawValue: "STRING")
}

/// `formatRecordsAs`: `NONE` (default) or `JSON`.
public struct RecordsFormatType: RawRepresentable, Sendable, Hashable, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// `NONE`: rows come as `records` (the default).
    public static let none = RecordsFormatType(rawValue: "NONE")
    /// `JSON`: rows come as one JSON text in `formattedRecords`.
    public static let json = RecordsFormatType(rawValue: "JSON")
}

/// Options that control how the result set is returned.
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ResultSetOptions.html
public struct ResultSetOptions: Sendable, Hashable, Codable {
    /// How DECIMAL values are returned; nil leaves the service default (`STRING`).
    public var decimalReturnType: DecimalReturnType?
    /// How BIGINT values are returned; nil leaves the service default (`LONG`).
    public var longReturnType: LongReturnType?
    /// Options with the given return types; nil members are not sent.
    public init(decimalReturnType: DecimalReturnType? = nil, longReturnType: LongReturnType? = nil) {
        self.decimalReturnType = decimalReturnType
        self.longReturnType = longReturnType
    }
}

/// `POST /Execute`. https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html
public struct ExecuteStatementRequest: Sendable, Hashable, Codable {
    /// The Aurora cluster's ARN.
    public var resourceArn: String
    /// The ARN of the Secrets Manager secret with the database user and password.
    public var secretArn: String
    /// One SQL statement, with `:name` placeholders for the parameters.
    public var sql: String
    /// The database to run in; nil uses the secret's or cluster's default.
    public var database: String?
    /// The schema; not supported on Aurora Serverless v2 and provisioned clusters.
    public var schema: String?
    /// The values of the `:name` placeholders.
    public var parameters: [SqlParameter]?
    /// Runs the statement in this transaction (from BeginTransaction).
    public var transactionId: String?
    /// Whether to return `columnMetadata`.
    public var includeResultMetadata: Bool?
    /// Whether the statement keeps running after the call's 45 s timeout.
    public var continueAfterTimeout: Bool?
    /// How DECIMAL and BIGINT values are returned.
    public var resultSetOptions: ResultSetOptions?
    /// Whether rows come as `records` or as JSON text in `formattedRecords`.
    public var formatRecordsAs: RecordsFormatType?

    /// A request from its members; nil members are omitted from the JSON.
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
    /// The Aurora cluster's ARN.
    public var resourceArn: String
    /// The ARN of the Secrets Manager secret with the database user and password.
    public var secretArn: String
    /// One SQL statement, run once per parameter set.
    public var sql: String
    /// The database to run in; nil uses the secret's or cluster's default.
    public var database: String?
    /// The schema; not supported on Aurora Serverless v2 and provisioned clusters.
    public var schema: String?
    /// One list of parameters per run of the statement.
    public var parameterSets: [[SqlParameter]]?
    /// Runs the batch in this transaction (from BeginTransaction).
    public var transactionId: String?

    /// A request from its members; nil members are omitted from the JSON.
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
    /// The Aurora cluster's ARN.
    public var resourceArn: String
    /// The ARN of the Secrets Manager secret with the database user and password.
    public var secretArn: String
    /// The database of the transaction; nil uses the secret's or cluster's default.
    public var database: String?
    /// The schema; not supported on Aurora Serverless v2 and provisioned clusters.
    public var schema: String?

    /// A request from its members; nil members are omitted from the JSON.
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
    /// The Aurora cluster's ARN.
    public var resourceArn: String
    /// The ARN of the Secrets Manager secret with the database user and password.
    public var secretArn: String
    /// The transaction to commit or roll back.
    public var transactionId: String

    /// A request from its members.
    public init(resourceArn: String, secretArn: String, transactionId: String) {
        self.resourceArn = resourceArn
        self.secretArn = secretArn
        self.transactionId = transactionId
    }
}
