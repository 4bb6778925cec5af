/// The sections of an AWS shared config or credentials file.
///
/// Follows the format of https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html: `[section]` headers,
/// `key = value` lines, full-line comments with `#` or `;`, inline comments after whitespace, keys matched
/// case-insensitively (stored lowercased). Indented lines under a key with an empty value (sub-properties such
/// as `s3 =` blocks) are skipped. Sections repeated in one file are merged, later keys win.
struct INIFile: Sendable, Equatable {
    /// Section name (text between the brackets, trimmed) to its keys and values.
    var sections: [String: [String: String]] = [:]

    /// Parses `text`; `path` only names the file in errors.
    init(parsing text: String, path: String) throws {
        var current: String?
        var inSubProperties = false
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            let indented = rawLine.first == " " || rawLine.first == "\t"
            if indented && inSubProperties { continue }
            if line.hasPrefix("[") {
                guard let close = line.lastIndex(of: "]") else {
                    throw Self.error(path, index, "a section header is missing its closing ']'")
                }
                let name = line[line.index(after: line.startIndex)..<close].trimmingWhitespace()
                guard !name.isEmpty else { throw Self.error(path, index, "a section header has no name") }
                current = String(name)
                inSubProperties = false
                if sections[String(name)] == nil { sections[String(name)] = [:] }
                continue
            }
            guard let section = current else {
                throw Self.error(path, index, "a setting appears before any [section] header")
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw Self.error(path, index, "expected 'key = value'")
            }
            let key = line[..<equals].trimmingWhitespace().lowercased()
            guard !key.isEmpty else { throw Self.error(path, index, "a setting has no key before '='") }
            let value = Self.removingInlineComment(line[line.index(after: equals)...]).trimmingWhitespace()
            inSubProperties = value.isEmpty
            if !inSubProperties { sections[section, default: [:]][key] = String(value) }
        }
    }

    /// Drops a `#` or `;` comment that follows whitespace.
    private static func removingInlineComment(_ value: Substring) -> Substring {
        var previousIsSpace = false
        for index in value.indices {
            let character = value[index]
            if previousIsSpace && (character == "#" || character == ";") { return value[..<index] }
            previousIsSpace = character == " " || character == "\t"
        }
        return value
    }

    private static func error(_ path: String, _ lineIndex: Int, _ problem: String) -> AWSConfigurationError {
        AWSConfigurationError(
            code: .invalidProfile,
            message: "\(path), line \(lineIndex + 1): \(problem). Fix or remove that line."
        )
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space and line breaks.
    func trimmingWhitespace() -> Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else {
            return ""
        }
        return Substring(self[first...last])
    }
}
