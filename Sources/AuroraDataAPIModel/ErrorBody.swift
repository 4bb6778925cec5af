/// The JSON body of an error response (restJson1): `{"message": "...", "code": "..."}`, possibly `__type` instead of
/// `code`, `Message` instead of `message`, and `dbConnectionId` for StatementTimeoutException.
///
/// The client resolves the error code from the `X-Amzn-ErrorType` header first, then ``code``, then ``typeField``,
/// and cleans it with ``normalizedCode(_:)``. https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/CommonErrors.html
public struct ErrorBody: Sendable, Hashable {
    /// Body member `code` (or `Code`).
    public var code: String?
    /// Body member `__type`.
    public var typeField: String?
    /// Body member `message` (or `Message`).
    public var message: String?
    /// Body member `dbConnectionId` (StatementTimeoutException).
    public var dbConnectionId: Int64?

    /// A body from its members.
    public init(code: String? = nil, typeField: String? = nil, message: String? = nil, dbConnectionId: Int64? = nil) {
        self.code = code
        self.typeField = typeField
        self.message = message
        self.dbConnectionId = dbConnectionId
    }

    /// Parses an error body. Members of other types than expected are ignored rather than refused: an error body is
    /// read to report an error, and a partly odd one still says more than none.
    /// - Throws: `.malformedResponse` when the body is not a JSON object.
    public init(json bytes: [UInt8]) throws(DataAPIError) {
        var body = ErrorBody()
        try parseResponse(bytes, subject: "error response") { (reader, key) throws(DataAPIError) in
            if reader.matches(key, "code") || reader.matches(key, "Code") {
                body.code = try reader.lenientString() ?? body.code
            } else if reader.matches(key, "__type") {
                body.typeField = try reader.lenientString()
            } else if reader.matches(key, "message") || reader.matches(key, "Message") {
                body.message = try reader.lenientString() ?? body.message
            } else if reader.matches(key, "dbConnectionId") {
                body.dbConnectionId = try reader.lenientInteger()
            } else {
                try reader.skipValue()
            }
        }
        self = body
    }

    /// An error code without namespace prefix or suffix: `com.amazonaws.rdsdata#BadRequestException` and
    /// `BadRequestException:http://internal.amazon.com/coral/...` both become `BadRequestException`.
    public static func normalizedCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return code.trimmingSpaces()
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

extension JSONReader {
    /// An integer value within Int64, or nil (value skipped) for any other value.
    fileprivate mutating func lenientInteger() throws(DataAPIError) -> Int64? {
        let first = try peekValue()
        guard first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            try skipValue()
            return nil
        }
        let token = try readNumber()
        return token.isInteger ? NumberText.integer(bytes: slice(token.start, token.end), as: Int64.self) : nil
    }

    /// A string value, or nil (value skipped) for any other type.
    fileprivate mutating func lenientString() throws(DataAPIError) -> String? {
        if try peekValue() == UInt8(ascii: "\"") { return string(try readString()) }
        try skipValue()
        return nil
    }
}
