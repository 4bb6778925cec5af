import AuroraDataAPIModel

/// One parameter as libpq's `PQexecParams` takes it: a type OID (0 lets the server infer it), the value
/// bytes (text, or binary for bytea) and the format.
struct PostgreSQLParameter: Sendable, Hashable {
    var typeOID: UInt32
    /// nil for SQL NULL.
    var bytes: [UInt8]?
    var isBinary: Bool

    init(typeOID: UInt32, bytes: [UInt8]?, isBinary: Bool) {
        self.typeOID = typeOID
        self.bytes = bytes
        self.isBinary = isBinary
    }

    /// The parameter for a Data API value, honouring its `typeHint`.
    init(_ parameter: SqlParameter) throws(DatabaseFailure) {
        isBinary = false
        switch parameter.value {
        case .null:
            typeOID = Self.hintOID(parameter.typeHint) ?? 0
            bytes = nil
        case .bool(let value):
            typeOID = 16
            bytes = Array((value ? "t" : "f").utf8)
        case .long(let value):
            typeOID = 20
            bytes = Array(String(value).utf8)
        case .double(let value):
            typeOID = 701
            bytes = Array(Self.text(value).utf8)
        case .string(let value):
            typeOID = Self.hintOID(parameter.typeHint) ?? 0
            bytes = Array(value.utf8)
        case .blob(let value):
            typeOID = 17
            bytes = value
            isBinary = true
        case .array:
            throw DatabaseFailure(kind: .statement, message: "Array parameters are not supported.")
        }
    }

    /// DATE, TIME, TIMESTAMP, DECIMAL, JSON and UUID hints name the server type; JSON is sent as `json`,
    /// which PostgreSQL assigns to `jsonb` columns too.
    private static func hintOID(_ hint: TypeHint?) -> UInt32? {
        switch hint {
        case .date?: 1082
        case .time?: 1083
        case .timestamp?: 1114
        case .decimal?: 1700
        case .json?: 114
        case .uuid?: 2950
        default: nil
        }
    }

    private static func text(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return String(value)
    }
}
