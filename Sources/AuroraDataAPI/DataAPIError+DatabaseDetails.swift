import AuroraDataAPIModel

extension DataAPIError {
    /// The database engine's own error code and SQLState, when the message carries them.
    ///
    /// The Data API passes the JDBC driver's message through (`DatabaseErrorException`, `BadRequestException`):
    /// Aurora MySQL messages end with `Error code: 1062; SQLState: 23000`, Aurora PostgreSQL messages with
    /// `Position: 8; SQLState: 42P01` (PostgreSQL has no numeric code, so `engineErrorCode` is nil).
    /// See https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api-troubleshooting.html
    public var databaseDetails: (engineErrorCode: Int?, sqlState: String?) {
        (Self.number(after: "Error code: ", in: message), Self.token(after: "SQLState: ", in: message))
    }

    /// The text following the last occurrence of `marker`, up to the first character that is not a letter or digit.
    private static func token(after marker: String, in text: String) -> String? {
        guard let range = text.ranges(of: marker).last else { return nil }
        let value = text[range.upperBound...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return value.isEmpty ? nil : String(value)
    }

    private static func number(after marker: String, in text: String) -> Int? {
        guard let range = text.ranges(of: marker).last else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }
}
