/// An element of a small XML document, such as an STS Query-protocol answer.
///
/// Reads the subset of XML 1.0 (https://www.w3.org/TR/xml/) that AWS Query answers use: elements with attributes,
/// character data with the five predefined entities and numeric character references, CDATA sections, comments,
/// processing instructions and the XML declaration (skipped). Namespaces are not interpreted: a prefixed name keeps
/// its prefix. No DTDs. Written here because Foundation's `XMLParser` needs full Foundation, which the executables
/// leave out.
struct XMLElement: Sendable, Equatable {
    var name: String
    var attributes: [String: String] = [:]
    var children: [XMLElement] = []
    /// The element's own character data (child elements' text excluded), entities decoded.
    var text: String = ""

    /// The first child named `name`.
    func child(_ name: String) -> XMLElement? {
        children.first { $0.name == name }
    }

    /// The descendant reached through `path` (child names), nil when one step is missing.
    func element(at path: String...) -> XMLElement? {
        var current = self
        for name in path {
            guard let next = current.child(name) else { return nil }
            current = next
        }
        return current
    }

    /// Parses a whole document and returns its root element; nil when the text is not well-formed enough to read.
    static func parse(_ bytes: [UInt8]) -> XMLElement? {
        var reader = XMLReader(bytes: bytes)
        return reader.document()
    }
}

/// The scanner behind ``XMLElement/parse(_:)``.
private struct XMLReader {
    let bytes: [UInt8]
    var index = 0
    /// Elements open around the current one; deeper documents are refused (STS answers are 4 levels deep).
    var depth = 0
    static let maximumDepth = 32

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func document() -> XMLElement? {
        guard skipMisc() else { return nil }
        guard peek(0x3C), let root = element() else { return nil }
        guard skipMisc(), index == bytes.count else { return nil }
        return root
    }

    /// Skips white space, comments, processing instructions (the XML declaration) and a byte-order mark.
    private mutating func skipMisc() -> Bool {
        if bytes[index...].starts(with: [0xEF, 0xBB, 0xBF]) { index += 3 }
        while index < bytes.count {
            if isSpace(bytes[index]) {
                index += 1
            } else if starts("<?") {
                guard skip(past: "?>") else { return false }
            } else if starts("<!--") {
                guard skip(past: "-->") else { return false }
            } else {
                break
            }
        }
        return true
    }

    /// An element starting at `<`.
    private mutating func element() -> XMLElement? {
        guard depth < Self.maximumDepth else { return nil }
        depth += 1
        defer { depth -= 1 }
        index += 1
        guard let name = name() else { return nil }
        var node = XMLElement(name: name)
        while true {
            skipSpaces()
            guard index < bytes.count else { return nil }
            if starts("/>") {
                index += 2
                return node
            }
            if bytes[index] == 0x3E {
                index += 1
                break
            }
            guard let attribute = self.name() else { return nil }
            skipSpaces()
            guard peek(0x3D) else { return nil }
            index += 1
            skipSpaces()
            guard index < bytes.count, bytes[index] == 0x22 || bytes[index] == 0x27 else { return nil }
            let quote = bytes[index]
            index += 1
            let start = index
            while index < bytes.count && bytes[index] != quote { index += 1 }
            guard index < bytes.count, let value = decode(bytes[start..<index]) else { return nil }
            index += 1
            node.attributes[attribute] = value
        }
        var text: [UInt8] = []
        while index < bytes.count {
            if starts("</") {
                index += 2
                guard self.name() == name else { return nil }
                skipSpaces()
                guard peek(0x3E) else { return nil }
                index += 1
                guard let decoded = decode(text[...]) else { return nil }
                node.text = decoded
                return node
            } else if starts("<!--") {
                guard skip(past: "-->") else { return nil }
            } else if starts("<![CDATA[") {
                index += 9
                let start = index
                guard skip(past: "]]>") else { return nil }
                // CDATA is literal: escape `&` so the entity pass below leaves it as it was.
                for byte in bytes[start..<(index - 3)] {
                    if byte == 0x26 { text += Array("&amp;".utf8) } else { text.append(byte) }
                }
            } else if starts("<?") {
                guard skip(past: "?>") else { return nil }
            } else if bytes[index] == 0x3C {
                guard let child = element() else { return nil }
                node.children.append(child)
            } else {
                text.append(bytes[index])
                index += 1
            }
        }
        return nil
    }

    private mutating func name() -> String? {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if isSpace(byte) || byte == 0x3E || byte == 0x2F || byte == 0x3D { break }
            index += 1
        }
        return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    /// Replaces entity and character references; nil on an unknown or malformed one.
    private func decode(_ raw: ArraySlice<UInt8>) -> String? {
        guard raw.contains(0x26) else { return String(decoding: raw, as: UTF8.self) }
        var output: [UInt8] = []
        var position = raw.startIndex
        while position < raw.endIndex {
            let byte = raw[position]
            guard byte == 0x26 else {
                output.append(byte)
                position += 1
                continue
            }
            guard let semicolon = raw[position...].firstIndex(of: 0x3B) else { return nil }
            let entity = String(decoding: raw[(position + 1)..<semicolon], as: UTF8.self)
            switch entity {
            case "amp": output.append(0x26)
            case "lt": output.append(0x3C)
            case "gt": output.append(0x3E)
            case "quot": output.append(0x22)
            case "apos": output.append(0x27)
            default:
                let scalarValue: UInt32?
                if entity.hasPrefix("#x") {
                    scalarValue = UInt32(entity.dropFirst(2), radix: 16)
                } else if entity.hasPrefix("#") {
                    scalarValue = UInt32(entity.dropFirst(), radix: 10)
                } else {
                    scalarValue = nil
                }
                guard let scalarValue, let scalar = Unicode.Scalar(scalarValue) else { return nil }
                output += Array(String(Character(scalar)).utf8)
            }
            position = semicolon + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    private func starts(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return text.withUTF8Buffer { prefix in bytes[index..<(index + count)].elementsEqual(prefix) }
    }

    /// Moves past the next occurrence of `terminator`; false when there is none.
    private mutating func skip(past terminator: StaticString) -> Bool {
        while index < bytes.count {
            if starts(terminator) {
                index += terminator.utf8CodeUnitCount
                return true
            }
            index += 1
        }
        return false
    }

    private mutating func skipSpaces() {
        while index < bytes.count && isSpace(bytes[index]) { index += 1 }
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}
