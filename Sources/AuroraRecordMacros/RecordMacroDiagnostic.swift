import SwiftDiagnostics

/// What `@DataAPIRecord` cannot handle, each with what to do instead.
struct RecordMacroDiagnostic: DiagnosticMessage {
    let message: String
    let code: String
    var diagnosticID: MessageID { MessageID(domain: "AuroraRecordMacros", id: code) }
    var severity: DiagnosticSeverity { .error }

    static func notAStruct(_ kind: String) -> Self {
        Self(
            message: "@DataAPIRecord applies to a struct, not to \(kind); declare a struct or write the "
                + "RecordDecodable conformance by hand",
            code: "notAStruct")
    }

    static func customDecoder(_ type: String) -> Self {
        Self(
            message: "'\(type)' declares its own init(from:), which @DataAPIRecord cannot read; remove the macro and "
                + "write init(record:) by hand so that it reads the same keys",
            code: "customDecoder")
    }

    static func missingType(_ name: String) -> Self {
        Self(
            message: "'\(name)' has no type annotation; @DataAPIRecord reads types from the declaration, so write "
                + "its type (for example 'var \(name): Int = 0')",
            code: "missingType")
    }

    static let unsupportedPattern = Self(
        message: "@DataAPIRecord reads only simple names; declare each property of this tuple pattern on its own",
        code: "unsupportedPattern")

    static func unsupportedStorage(_ storage: String) -> Self {
        Self(
            message: "@DataAPIRecord reads only plain stored properties, not a \(storage) one; write the "
                + "RecordDecodable conformance by hand",
            code: "unsupportedStorage")
    }

    static let conditionalProperties = Self(
        message: "@DataAPIRecord cannot tell which properties inside #if exist; declare them outside it or write the "
            + "RecordDecodable conformance by hand",
        code: "conditionalProperties")

    static func rawValueNotString(_ name: String) -> Self {
        Self(
            message: "CodingKeys case '\(name)' has a raw value that is not a plain string literal; write it as "
                + "'case \(name) = \"column_name\"'",
            code: "rawValueNotString")
    }

    static func keyWithoutProperty(_ name: String, _ type: String) -> Self {
        Self(
            message: "CodingKeys case '\(name)' names no stored property of '\(type)'; rename the case or remove it",
            code: "keyWithoutProperty")
    }
}
