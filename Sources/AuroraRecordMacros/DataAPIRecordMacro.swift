import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxBuilder
import SwiftSyntaxMacros

/// `@DataAPIRecord`: writes a struct's `RecordDecodable` conformance, reading the keys its synthesized `Decodable`
/// conformance reads (stored properties in declaration order, or the cases of its `CodingKeys`), each with
/// `record.decode(T.self)`, or `record.decode(T?.self)` for an Optional property.
public struct DataAPIRecordMacro: ExtensionMacro {
    public static func expansion(
        of node: AttributeSyntax,
        attachedTo declaration: some DeclGroupSyntax,
        providingExtensionsOf type: some TypeSyntaxProtocol,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [ExtensionDeclSyntax] {
        guard let structDecl = declaration.as(StructDeclSyntax.self) else {
            context.diagnose(Diagnostic(node: node, message: RecordMacroDiagnostic.notAStruct(kind(of: declaration))))
            return []
        }
        let members = structDecl.memberBlock.members
        let initializers = members.compactMap { $0.decl.as(InitializerDeclSyntax.self) }
        if initializers.contains(where: isDecoderInitializer) {
            context.diagnose(
                Diagnostic(node: node, message: RecordMacroDiagnostic.customDecoder(structDecl.name.text)))
            return []
        }

        var problems: [(Syntax, RecordMacroDiagnostic)] = []
        let properties = StoredProperty.all(in: members, problems: &problems)
        let codingKeys = CodingKey.all(in: members, problems: &problems)
        // The properties read, in key order, each with its key.
        var reads: [(property: StoredProperty, key: String)] = []
        if let codingKeys {
            for codingKey in codingKeys {
                guard let property = properties.first(where: { $0.key == codingKey.name }) else {
                    problems.append(
                        (codingKey.node, .keyWithoutProperty(codingKey.name, structDecl.name.text)))
                    continue
                }
                if !property.isConstant { reads.append((property, codingKey.key)) }
            }
        } else {
            reads = properties.filter { !$0.isConstant }.map { ($0, $0.key) }
        }
        for read in reads where read.property.type == nil {
            problems.append((read.property.node, .missingType(read.property.key)))
        }
        guard problems.isEmpty else {
            for (node, message) in problems { context.diagnose(Diagnostic(node: node, message: message)) }
            return []
        }

        let access = structDecl.modifiers.contains { $0.name.tokenKind == .keyword(.public) } ? "public " : ""
        let cursor = cursorName(avoiding: Set(reads.map(\.property.key)))
        var body: [String] = reads.map {
            "let \($0.property.name) = try \(cursor).decode(\($0.property.decodedType!).self)"
        }
        if initializers.isEmpty {
            // The implicit memberwise initializer exists: building the value in one call is faster than assigning
            // the properties one by one in a throwing initializer.
            let readKeys = Set(reads.map(\.property.key))
            let arguments = properties.filter { readKeys.contains($0.key) }.map { "\($0.key): \($0.name)" }
            body.append("self.init(\(arguments.joined(separator: ", ")))")
        } else {
            body += reads.map { "self.\($0.property.name) = \($0.property.name)" }
        }
        let conformance = protocols.isEmpty ? "" : ": \(protocols.map(\.trimmedDescription).joined(separator: ", "))"
        let keys = reads.map { "\"\($0.key)\"" }.joined(separator: ", ")
        let source = """
            extension \(type.trimmedDescription)\(conformance) {
                \(access)static let recordKeys: [String] = [\(keys)]

                \(access)init(\(cursor == "record" ? "record" : "record \(cursor)"): inout RecordCursor) throws(DataAPIError) {
                    \(body.joined(separator: "\n"))
                }
            }
            """
        return [try ExtensionDeclSyntax("\(raw: source)")]
    }

    /// `init(from:)` with one parameter: the struct decodes itself, which the macro cannot follow.
    private static func isDecoderInitializer(_ initializer: InitializerDeclSyntax) -> Bool {
        let parameters = initializer.signature.parameterClause.parameters
        return parameters.count == 1 && parameters.first?.firstName.text == "from"
    }

    /// The initializer's name for the cursor: `record`, unless a property read is called that.
    private static func cursorName(avoiding names: Set<String>) -> String {
        var name = "record"
        while names.contains(name) { name += "_" }
        return name
    }

    private static func kind(of declaration: some DeclGroupSyntax) -> String {
        if declaration.is(ClassDeclSyntax.self) { return "a class" }
        if declaration.is(EnumDeclSyntax.self) { return "an enum" }
        if declaration.is(ActorDeclSyntax.self) { return "an actor" }
        if declaration.is(ProtocolDeclSyntax.self) { return "a protocol" }
        return "an extension"
    }
}
