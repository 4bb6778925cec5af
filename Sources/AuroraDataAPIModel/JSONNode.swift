/// A parsed JSON value, for what is decoded below a column: JSON column text (MySQL `JSON`, PostgreSQL
/// `json`/`jsonb`), PostgreSQL arrays (`arrayValue`) and structured values in `formattedRecords`.
///
/// Numbers keep their text so that they convert exactly (`Decimal`, `UInt64`) through ``Scalar``.
indirect enum JSONNode {
    case null
    case bool(Bool)
    case integer(String)
    case number(String)
    case string(String)
    case bytes([UInt8])
    case array([JSONNode])
    case object([String: JSONNode])

    /// Parses JSON text with the module's reader (same validation and depth limit as responses).
    init(parsing text: UnsafeBufferPointer<UInt8>, subject: String, remedy: String? = nil) throws(DataAPIError) {
        var reader = JSONReader(bytes: text, subject: subject, remedy: remedy)
        self = try reader.readNode()
        try reader.expectEnd()
    }

    /// A PostgreSQL array as nested JSON arrays.
    init(_ array: ArrayValue) {
        switch array {
        case .booleans(let values): self = .array(values.map { $0.map(JSONNode.bool) ?? .null })
        case .longs(let values): self = .array(values.map { $0.map { .integer(String($0)) } ?? .null })
        case .doubles(let values): self = .array(values.map { $0.map { .number(JSONNode.numberText($0)) } ?? .null })
        case .strings(let values): self = .array(values.map { $0.map(JSONNode.string) ?? .null })
        case .arrays(let values): self = .array(values.map(JSONNode.init))
        }
    }

    /// A double's text as ``NumberText`` reads it back (`NaN`, `Infinity`, `-Infinity` for the non-finite ones).
    static func numberText(_ value: Double) -> String {
        value.isFinite ? String(value) : JSONText.nonFiniteText(value)
    }

    /// What the node is, for error messages.
    var description: String {
        switch self {
        case .array: return "a JSON array"
        case .object: return "a JSON object"
        default: return withScalar { $0.description }
        }
    }

    /// Runs `body` with the node as a ``Scalar`` (arrays and objects have no scalar form: `.structure`).
    func withScalar<R>(_ body: (Scalar) -> R) -> R {
        switch self {
        case .null: return body(.null)
        case .bool(let value): return body(.bool(value))
        case .integer(var text): return text.withUTF8 { body(.integer($0)) }
        case .number(var text): return text.withUTF8 { body(.number($0)) }
        case .string(var text): return text.withUTF8 { body(.string($0)) }
        case .bytes(let bytes): return body(.blob(bytes))
        case .array, .object: return body(.structure)
        }
    }
}

extension JSONReader {
    /// Reads any value as a ``JSONNode`` (a repeated key keeps its last value).
    mutating func readNode() throws(DataAPIError) -> JSONNode {
        switch try peekValue() {
        case UInt8(ascii: "{"):
            try beginObject()
            var members: [String: JSONNode] = [:]
            var isFirst = true
            while let key = try nextKey(isFirst: &isFirst) { members[string(key)] = try readNode() }
            return .object(members)
        case UInt8(ascii: "["):
            try beginArray()
            var elements: [JSONNode] = []
            var isFirst = true
            while try nextElement(isFirst: &isFirst) { elements.append(try readNode()) }
            return .array(elements)
        case UInt8(ascii: "\""): return .string(string(try readString()))
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool(try readBool())
        case UInt8(ascii: "n"):
            guard skipNull() else { throw error("a value") }
            return .null
        default:
            let token = try readNumber()
            let text = String(decoding: slice(token.start, token.end), as: UTF8.self)
            return token.isInteger ? .integer(text) : .number(text)
        }
    }
}
