/// Parsing response bodies with the module's JSON reader. Every initializer refuses anything that is not the
/// documented shape (`.malformedResponse`, with the byte offset and, inside records, the row and column), accepts
/// JSON `null` for optional members and skips unknown members.
///
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_Operations.html
extension ExecuteStatementResponse {
    /// Parses an ExecuteStatement response body. Records stay as parsed cells until `records` is read.
    /// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html#API_ExecuteStatement_ResponseSyntax
    public init(json bytes: [UInt8]) throws(DataAPIError) {
        var response = ExecuteStatementResponse()
        try parseResponse(bytes, subject: "ExecuteStatement response") { (reader, key) throws(DataAPIError) in
            if reader.matches(key, "records") {
                response.recordStorage = reader.skipNull() ? nil : .parsed(try reader.readRecords(from: bytes))
            } else if reader.matches(key, "columnMetadata") {
                response.columnMetadata = try reader.readOptionalArray { (reader) throws(DataAPIError) in
                    try reader.readColumnMetadata()
                }
            } else if reader.matches(key, "numberOfRecordsUpdated") {
                response.numberOfRecordsUpdated = try reader.readOptionalInteger(Int64.self)
            } else if reader.matches(key, "generatedFields") {
                response.generatedFields = try reader.readFieldList()
            } else if reader.matches(key, "formattedRecords") {
                response.formattedRecords = try reader.readOptionalString()
            } else {
                try reader.skipValue()
            }
        }
        self = response
    }

    /// The result as a ``ResultSet``: from `formattedRecords` when present, else from `records` and
    /// `columnMetadata`.
    /// - Throws: `.malformedResponse` if `formattedRecords` is not an array of objects, or `columnMetadata` does not
    ///   match the records.
    public var resultSet: ResultSet {
        get throws(DataAPIError) {
            if let formattedRecords { return try ResultSet(formattedRecords: formattedRecords) }
            switch recordStorage {
            case .parsed(let storage): return try ResultSet(columns: columnMetadata ?? [], storage: storage)
            case .fields(let records): return try ResultSet(columns: columnMetadata ?? [], records: records)
            case nil: return try ResultSet(columns: columnMetadata ?? [], records: [])
            }
        }
    }

    /// Decodes the rows into `T` (see ``ResultSet/decode(_:options:)``).
    public func decode<T: Decodable>(
        _ type: T.Type, options: RecordDecodingOptions = .init()
    ) throws(DataAPIError) -> [T] {
        try resultSet.decode(type, options: options)
    }
}

extension BatchExecuteStatementResponse {
    /// Parses a BatchExecuteStatement response body.
    /// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BatchExecuteStatement.html#API_BatchExecuteStatement_ResponseSyntax
    public init(json bytes: [UInt8]) throws(DataAPIError) {
        var results: [UpdateResult]?
        try parseResponse(bytes, subject: "BatchExecuteStatement response") { (reader, key) throws(DataAPIError) in
            guard reader.matches(key, "updateResults") else { return try reader.skipValue() }
            results = try reader.readOptionalArray { (reader) throws(DataAPIError) in
                var result = UpdateResult()
                try reader.readObject { (reader, key) throws(DataAPIError) in
                    guard reader.matches(key, "generatedFields") else { return try reader.skipValue() }
                    result.generatedFields = try reader.readFieldList()
                }
                return result
            }
        }
        self.init(updateResults: results)
    }
}

extension BeginTransactionResponse {
    /// Parses a BeginTransaction response body.
    /// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BeginTransaction.html#API_BeginTransaction_ResponseSyntax
    public init(json bytes: [UInt8]) throws(DataAPIError) {
        var transactionId: String?
        try parseResponse(bytes, subject: "BeginTransaction response") { (reader, key) throws(DataAPIError) in
            guard reader.matches(key, "transactionId") else { return try reader.skipValue() }
            transactionId = try reader.readOptionalString()
        }
        self.init(transactionId: transactionId)
    }
}

extension EndTransactionResponse {
    /// Parses a CommitTransaction or RollbackTransaction response body.
    /// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_CommitTransaction.html#API_CommitTransaction_ResponseSyntax
    public init(json bytes: [UInt8]) throws(DataAPIError) {
        var status: String?
        try parseResponse(bytes, subject: "transaction response") { (reader, key) throws(DataAPIError) in
            guard reader.matches(key, "transactionStatus") else { return try reader.skipValue() }
            status = try reader.readOptionalString()
        }
        self.init(transactionStatus: status)
    }
}

extension JSONReader {
    /// Reads one `ColumnMetadata` object (numbers and booleans default to 0/false, as the Smithy model says).
    /// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ColumnMetadata.html
    mutating func readColumnMetadata() throws(DataAPIError) -> ColumnMetadata {
        var column = ColumnMetadata()
        try readObject { (reader, key) throws(DataAPIError) in
            if reader.matches(key, "name") {
                column.name = try reader.readOptionalString()
            } else if reader.matches(key, "type") {
                column.type = try reader.readOptionalInteger(Int32.self) ?? 0
            } else if reader.matches(key, "typeName") {
                column.typeName = try reader.readOptionalString()
            } else if reader.matches(key, "label") {
                column.label = try reader.readOptionalString()
            } else if reader.matches(key, "schemaName") {
                column.schemaName = try reader.readOptionalString()
            } else if reader.matches(key, "tableName") {
                column.tableName = try reader.readOptionalString()
            } else if reader.matches(key, "isAutoIncrement") {
                column.isAutoIncrement = try reader.readOptionalBool() ?? false
            } else if reader.matches(key, "isSigned") {
                column.isSigned = try reader.readOptionalBool() ?? false
            } else if reader.matches(key, "isCurrency") {
                column.isCurrency = try reader.readOptionalBool() ?? false
            } else if reader.matches(key, "isCaseSensitive") {
                column.isCaseSensitive = try reader.readOptionalBool() ?? false
            } else if reader.matches(key, "nullable") {
                column.nullable = try reader.readOptionalInteger(Int32.self) ?? 0
            } else if reader.matches(key, "precision") {
                column.precision = try reader.readOptionalInteger(Int32.self) ?? 0
            } else if reader.matches(key, "scale") {
                column.scale = try reader.readOptionalInteger(Int32.self) ?? 0
            } else if reader.matches(key, "arrayBaseColumnType") {
                column.arrayBaseColumnType = try reader.readOptionalInteger(Int32.self) ?? 0
            } else {
                try reader.skipValue()
            }
        }
        return column
    }
}

/// Parses a response body that must be one JSON object, handing each member to `readMember`.
func parseResponse(
    _ bytes: [UInt8], subject: String, _ readMember: (inout JSONReader, JSONReader.StringToken) throws(DataAPIError) -> Void
) throws(DataAPIError) {
    guard bytes.count < Int(UInt32.max) else {
        throw DataAPIError(code: .malformedResponse, message: "The \(subject) is larger than 4 GiB.")
    }
    let parsed = bytes.withUnsafeBufferPointer { buffer in
        Result { () throws(DataAPIError) in
            var reader = JSONReader(bytes: buffer, subject: subject)
            var seen: [[UInt8]] = []
            try reader.readObject { (reader, key) throws(DataAPIError) in
                let name = Array(reader.slice(key.start, key.end))
                guard !seen.contains(name) else {
                    throw reader.shapeError("the member \"\(reader.string(key))\" appears twice")
                }
                seen.append(name)
                try readMember(&reader, key)
            }
            try reader.expectEnd()
        }
    }
    try parsed.get()
}
