import AuroraDataAPIModel

/// The optional members of an ExecuteStatement call besides SQL, parameters and transaction.
///
/// Implements the request members of https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html
public struct ExecuteOptions: Sendable, Hashable {
    /// Return `columnMetadata` (needed for column labels and typed records). Default true.
    public var includeResultMetadata: Bool
    /// Let the statement keep running after the 45 s call timeout (recommended for DDL). Default false.
    public var continueAfterTimeout: Bool
    /// How DECIMAL and BIGINT values come back; nil leaves the service defaults (`STRING`, `LONG`).
    public var resultSetOptions: ResultSetOptions?
    /// `JSON` returns the rows as one JSON text in `formattedRecords`; nil leaves the default (`NONE`).
    public var formatRecordsAs: RecordsFormatType?
    /// Overrides the client's database for this call.
    public var database: String?
    /// `schema`: "currently not supported" by the service (Serverless v2 and provisioned clusters answer
    /// `ValidationException`); sent only when set.
    public var schema: String?

    /// Options; the defaults ask for column metadata and leave everything else to the service.
    public init(
        includeResultMetadata: Bool = true, continueAfterTimeout: Bool = false,
        resultSetOptions: ResultSetOptions? = nil, formatRecordsAs: RecordsFormatType? = nil,
        database: String? = nil, schema: String? = nil
    ) {
        self.includeResultMetadata = includeResultMetadata
        self.continueAfterTimeout = continueAfterTimeout
        self.resultSetOptions = resultSetOptions
        self.formatRecordsAs = formatRecordsAs
        self.database = database
        self.schema = schema
    }
}
