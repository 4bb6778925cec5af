import SwiftCompilerPlugin
import SwiftSyntaxMacros

/// The compiler plugin that provides `@DataAPIRecord`.
@main
struct AuroraRecordMacrosPlugin: CompilerPlugin {
    let providingMacros: [any Macro.Type] = [DataAPIRecordMacro.self]
}
