import AuroraDataAPIModel

/// Checks a decoded request against the constraints of the service model (rds-data 2018-08-01):
/// `Arn` 11...100 characters, `SqlStatement` up to 65 536, `DbName` up to 64, `Id` up to 192, the
/// `TypeHint`, `RecordsFormatType`, `DecimalReturnType` and `LongReturnType` enums, and what Aurora
/// Serverless v2 refuses on top (`schema`, array parameters).
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html#API_ExecuteStatement_RequestSyntax
enum DataAPIRequestValidation {
    static func check(_ request: ExecuteStatementRequest) throws(DataAPIError) {
        try arns(request.resourceArn, request.secretArn)
        try length("sql", request.sql, max: 65_536)
        try length("database", request.database, max: 64)
        try length("schema", request.schema, max: 64)
        try length("transactionId", request.transactionId, max: 192)
        try parameters(request.parameters ?? [], member: "parameters")
        if let format = request.formatRecordsAs {
            try oneOf("formatRecordsAs", format.rawValue, [RecordsFormatType.none.rawValue, RecordsFormatType.json.rawValue])
        }
        if let decimal = request.resultSetOptions?.decimalReturnType {
            try oneOf(
                "resultSetOptions.decimalReturnType", decimal.rawValue,
                [DecimalReturnType.string.rawValue, DecimalReturnType.doubleOrLong.rawValue]
            )
        }
        if let long = request.resultSetOptions?.longReturnType {
            try oneOf("resultSetOptions.longReturnType", long.rawValue, [LongReturnType.long.rawValue, LongReturnType.string.rawValue])
        }
        try schemaUnsupported(request.schema)
    }

    static func check(_ request: BatchExecuteStatementRequest) throws(DataAPIError) {
        try arns(request.resourceArn, request.secretArn)
        try length("sql", request.sql, max: 65_536)
        try length("database", request.database, max: 64)
        try length("schema", request.schema, max: 64)
        try length("transactionId", request.transactionId, max: 192)
        for (index, set) in (request.parameterSets ?? []).enumerated() {
            try parameters(set, member: "parameterSets.\(index)")
        }
        try schemaUnsupported(request.schema)
        if (request.parameterSets ?? []).isEmpty {
            throw .validation(
                "parameterSets must contain at least one parameter set. To run the statement once without "
                    + "parameters, pass one empty parameter set ([[]]) or use ExecuteStatement."
            )
        }
    }

    static func check(_ request: BeginTransactionRequest) throws(DataAPIError) {
        try arns(request.resourceArn, request.secretArn)
        try length("database", request.database, max: 64)
        try length("schema", request.schema, max: 64)
        try schemaUnsupported(request.schema)
    }

    static func check(_ request: EndTransactionRequest) throws(DataAPIError) {
        try arns(request.resourceArn, request.secretArn)
        try length("transactionId", request.transactionId, max: 192)
    }

    // MARK: - Constraints

    private static func arns(_ resourceArn: String, _ secretArn: String) throws(DataAPIError) {
        try length("resourceArn", resourceArn, min: 11, max: 100)
        try length("secretArn", secretArn, min: 11, max: 100)
    }

    private static func length(_ member: String, _ value: String?, min: Int = 0, max: Int) throws(DataAPIError) {
        guard let value else { return }
        let count = value.count
        if count > max {
            throw .constraint(member: member, value: value, "Member must have length less than or equal to \(max)")
        }
        if count < min {
            throw .constraint(member: member, value: value, "Member must have length greater than or equal to \(min)")
        }
    }

    private static func oneOf(_ member: String, _ value: String, _ allowed: [String]) throws(DataAPIError) {
        guard !allowed.contains(value) else { return }
        throw .constraint(
            member: member, value: value, "Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]"
        )
    }

    private static func parameters(_ parameters: [SqlParameter], member: String) throws(DataAPIError) {
        for (index, parameter) in parameters.enumerated() {
            if let hint = parameter.typeHint {
                try oneOf("\(member).\(index).member.typeHint", hint.rawValue, TypeHint.all.map(\.rawValue))
            }
            if case .array = parameter.value {
                throw .validation("Array parameters are not supported.")
            }
        }
    }

    private static func schemaUnsupported(_ schema: String?) throws(DataAPIError) {
        if schema != nil { throw .validation("The schema parameter isn't supported") }
    }
}
