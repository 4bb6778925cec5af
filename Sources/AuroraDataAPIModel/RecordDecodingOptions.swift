/// How rows become Decodable values.
///
/// Column labels are the `label` of each `ColumnMetadata`
/// (https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ColumnMetadata.html), or the keys of the
/// objects in `formattedRecords`.
public struct RecordDecodingOptions: Sendable, Hashable {
    /// How a column label (and a key of a JSON value) is matched to a property name.
    public enum KeyDecodingStrategy: Sendable, Hashable {
        /// The label must equal the property's coding key exactly.
        case useLabels
        /// `created_at` matches `createdAt`: underscores are removed and the letter after each is uppercased
        /// (leading and trailing underscores are kept), as `JSONDecoder.KeyDecodingStrategy.convertFromSnakeCase`.
        case convertFromSnakeCase
    }

    /// How column labels match coding keys.
    public var keyDecodingStrategy: KeyDecodingStrategy

    /// Options with the given key strategy (labels as they are by default).
    public init(keyDecodingStrategy: KeyDecodingStrategy = .useLabels) {
        self.keyDecodingStrategy = keyDecodingStrategy
    }

    /// The property name a label matches under this strategy.
    func key(forLabel label: String) -> String {
        switch keyDecodingStrategy {
        case .useLabels: return label
        case .convertFromSnakeCase: return Self.camelCase(fromSnakeCase: label)
        }
    }

    static func camelCase(fromSnakeCase text: String) -> String {
        guard let first = text.firstIndex(where: { $0 != "_" }) else { return text }
        var last = text.index(before: text.endIndex)
        while last > first, text[last] == "_" { last = text.index(before: last) }
        let core = text[first...last]
        guard core.contains("_") else { return text }
        let words = core.split(separator: "_")
        var result = String(text[..<first])
        result += words[0]
        for word in words.dropFirst() { result += word.prefix(1).uppercased() + word.dropFirst().lowercased() }
        result += text[text.index(after: last)...]
        return result
    }
}
