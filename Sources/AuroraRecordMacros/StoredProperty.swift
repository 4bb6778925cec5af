import SwiftSyntax

/// A stored instance property of the struct, as the synthesized `Decodable` sees it.
struct StoredProperty {
    /// The name as written in code (backticks kept when present).
    let name: String
    /// The name without backticks: the default coding key.
    let key: String
    /// The declared type, `nil` when the declaration gives none.
    let type: TypeSyntax?
    /// A `let` with an initial value: never decoded.
    let isConstant: Bool
    /// Has an initial value (a `var`'s default): may be left out of CodingKeys.
    let hasDefault: Bool
    let node: Syntax

    /// The type `record.decode` is called with: `T?` for an Optional property (`T?`, `Optional<T>`, `T!`),
    /// otherwise the type itself.
    var decodedType: String? {
        guard let type else { return nil }
        if let wrapped = Self.optionalWrapped(type) { return "\(wrapped.trimmedDescription)?" }
        return type.trimmedDescription
    }

    private static func optionalWrapped(_ type: TypeSyntax) -> TypeSyntax? {
        if let optional = type.as(OptionalTypeSyntax.self) { return optional.wrappedType }
        if let unwrapped = type.as(ImplicitlyUnwrappedOptionalTypeSyntax.self) { return unwrapped.wrappedType }
        if let attributed = type.as(AttributedTypeSyntax.self) { return optionalWrapped(attributed.baseType) }
        let named: (name: String, arguments: GenericArgumentClauseSyntax?)?
        if let identifier = type.as(IdentifierTypeSyntax.self) {
            named = (identifier.name.text, identifier.genericArgumentClause)
        } else if let member = type.as(MemberTypeSyntax.self),
            member.baseType.as(IdentifierTypeSyntax.self)?.name.text == "Swift"
        {
            named = (member.name.text, member.genericArgumentClause)
        } else {
            named = nil
        }
        guard let named, named.name == "Optional", let arguments = named.arguments?.arguments,
            arguments.count == 1, let argument = arguments.first
        else { return nil }
        return TypeSyntax(argument.argument)
    }
}

extension StoredProperty {
    /// The stored instance properties of `members` in declaration order; computed and `static`/`class` ones are
    /// skipped. Bindings that cannot be read from syntax are reported in `problems`.
    static func all(
        in members: MemberBlockItemListSyntax, problems: inout [(Syntax, RecordMacroDiagnostic)]
    ) -> [StoredProperty] {
        var properties: [StoredProperty] = []
        for member in members {
            if let ifConfig = member.decl.as(IfConfigDeclSyntax.self), declaresProperties(ifConfig) {
                problems.append((Syntax(ifConfig), .conditionalProperties))
                continue
            }
            guard let variable = member.decl.as(VariableDeclSyntax.self), !isTypeMember(variable) else { continue }
            if let storage = unsupportedStorage(variable) {
                problems.append((Syntax(variable), .unsupportedStorage(storage)))
                continue
            }
            let isLet = variable.bindingSpecifier.tokenKind == .keyword(.let)
            let bindings = Array(variable.bindings)
            for (index, binding) in bindings.enumerated() where isStored(binding) {
                guard let identifier = binding.pattern.as(IdentifierPatternSyntax.self) else {
                    problems.append((Syntax(binding.pattern), .unsupportedPattern))
                    continue
                }
                let name = identifier.identifier.trimmedDescription
                let key = name.filter { $0 != "`" }
                // In `var a, b: Int` the annotation of `b` also types `a`; an initializer ends that sharing.
                var type = binding.typeAnnotation?.type
                if type == nil, binding.initializer == nil {
                    type = bindings[(index + 1)...].lazy.compactMap { $0.typeAnnotation?.type }.first
                }
                let hasDefault = binding.initializer != nil
                properties.append(
                    StoredProperty(
                        name: name, key: key, type: type, isConstant: isLet && hasDefault, hasDefault: hasDefault,
                        node: Syntax(binding)))
            }
        }
        return properties
    }

    /// A `lazy` property or one with a property wrapper (a custom attribute, named like a type): `Decodable`
    /// decodes those differently from their declared type.
    private static func unsupportedStorage(_ variable: VariableDeclSyntax) -> String? {
        if variable.modifiers.contains(where: { $0.name.tokenKind == .keyword(.lazy) }) { return "lazy" }
        for case .attribute(let attribute) in variable.attributes {
            let name = attribute.attributeName.trimmedDescription
            if name.first?.isUppercase == true, name != "MainActor" { return "@\(name)" }
        }
        return nil
    }

    /// An `#if` block that declares properties: which of them exist depends on the build, not on the syntax.
    private static func declaresProperties(_ ifConfig: IfConfigDeclSyntax) -> Bool {
        ifConfig.clauses.contains { clause in
            guard case .decls(let members) = clause.elements else { return false }
            return members.contains { $0.decl.is(VariableDeclSyntax.self) || $0.decl.is(IfConfigDeclSyntax.self) }
        }
    }

    private static func isTypeMember(_ variable: VariableDeclSyntax) -> Bool {
        variable.modifiers.contains {
            $0.name.tokenKind == .keyword(.static) || $0.name.tokenKind == .keyword(.class)
        }
    }

    /// No accessor block, or only `willSet`/`didSet` observers.
    private static func isStored(_ binding: PatternBindingSyntax) -> Bool {
        guard let accessorBlock = binding.accessorBlock else { return true }
        switch accessorBlock.accessors {
        case .getter: return false
        case .accessors(let accessors):
            return accessors.allSatisfy {
                $0.accessorSpecifier.tokenKind == .keyword(.willSet)
                    || $0.accessorSpecifier.tokenKind == .keyword(.didSet)
            }
        }
    }
}
