import AuroraRecordMacros
import SwiftSyntax
import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import Testing

/// Expands `@DataAPIRecord` in `source` as the compiler would (the `RecordDecodable` conformance requested) and
/// records a test issue where the expansion or the diagnostics differ from the expected ones.
func assertRecordExpansion(
    _ source: String, expandedSource: String, diagnostics: [DiagnosticSpec] = [],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let conformance = TypeSyntax(IdentifierTypeSyntax(name: .identifier("RecordDecodable")))
    assertMacroExpansion(
        source, expandedSource: expandedSource, diagnostics: diagnostics,
        macroSpecs: ["DataAPIRecord": MacroSpec(type: DataAPIRecordMacro.self, conformances: [conformance])],
        failureHandler: { failure in
            Issue.record(Comment(rawValue: failure.message), sourceLocation: sourceLocation)
        })
}
