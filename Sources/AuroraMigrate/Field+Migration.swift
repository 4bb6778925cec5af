import AuroraDataAPIModel

/// Reading the history table's columns whatever form the engine returns them in
/// (MySQL `BOOLEAN` is `TINYINT(1)`, a `longValue`; PostgreSQL's is a `booleanValue`).
extension Field {
    var text: String? {
        switch self {
        case .string(let value): return value
        case .long(let value): return String(value)
        case .double(let value): return String(value)
        case .bool(let value): return String(value)
        default: return nil
        }
    }

    var integer: Int64? {
        switch self {
        case .long(let value): return value
        case .string(let value): return Int64(value)
        case .bool(let value): return value ? 1 : 0
        default: return nil
        }
    }

    var boolean: Bool? {
        switch self {
        case .bool(let value): return value
        case .long(let value): return value != 0
        case .string(let value): return value == "1" || value.lowercased() == "t" || value.lowercased() == "true"
        default: return nil
        }
    }
}
