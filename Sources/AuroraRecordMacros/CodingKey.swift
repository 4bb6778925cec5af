import SwiftSyntax

/// One case of a struct's `CodingKeys` enum: the property it names and the key, as written in a string literal.
struct CodingKey {
    let name: String
    let key: String
    let node: Syntax
}

extension CodingKey {
    /// The cases of the `enum CodingKeys` among `members`, in order; `nil` when the struct declares none.
    static func all(
        in members: MemberBlockItemListSyntax, problems: inout [(Syntax, RecordMacroDiagnostic)]
    ) -> [CodingKey]? {
        guard
            let codingKeys = members.lazy.compactMap({ $0.decl.as(EnumDeclSyntax.self) })
                .first(where: { $0.name.text == "CodingKeys" })
        else { return nil }
        var keys: [CodingKey] = []
        for member in codingKeys.memberBlock.members {
            guard let caseDecl = member.decl.as(EnumCaseDeclSyntax.self) else { continue }
            for element in caseDecl.elements {
                let name = element.name.text.filter { $0 != "`" }
                var key = name
                if let rawValue = element.rawValue?.value {
                    guard let literal = rawValue.as(StringLiteralExprSyntax.self), literal.openingPounds == nil,
                        literal.segments.count == 1,
                        let segment = literal.segments.first?.as(StringSegmentSyntax.self)
                    else {
                        problems.append((Syntax(rawValue), .rawValueNotString(name)))
                        continue
                    }
                    key = segment.content.text
                }
                keys.append(CodingKey(name: name, key: key, node: Syntax(element)))
            }
        }
        return keys
    }
}
