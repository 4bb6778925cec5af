import AuroraDataAPIModel

extension Field {
    /// Bytes of database data this value stands for (text as UTF-8, blobs raw, numbers 8 bytes): what the
    /// Data API's 64 KB row and 1 MiB response limits count.
    public var dataSize: Int {
        switch self {
        case .null: return 1
        case .bool: return 1
        case .long, .double: return 8
        case .string(let text): return text.utf8.count
        case .blob(let bytes): return bytes.count
        case .array(let array): return array.dataSize
        }
    }
}

extension ArrayValue {
    public var dataSize: Int {
        switch self {
        case .booleans(let values): return values.count
        case .longs(let values): return values.count * 8
        case .doubles(let values): return values.count * 8
        case .strings(let values): return values.reduce(0) { $0 + ($1?.utf8.count ?? 1) }
        case .arrays(let values): return values.reduce(0) { $0 + $1.dataSize }
        }
    }
}
