import Crypto
import SQLKit

/// Constraint names within the engine's identifier limit (PostgreSQL 63 bytes, MySQL 64 characters): Fluent names
/// foreign keys after every column they join (`fk:a.b+c.d`), which soon passes it. A longer name keeps its start
/// and ends in 16 hex digits of its SHA-256, so the same name always becomes the same identifier (dropping it by name
/// finds it) and two long names that share a start stay apart.
enum ConstraintName {
    static func normalized(_ identifier: any SQLExpression, limit: Int) -> any SQLExpression {
        guard let name = (identifier as? SQLIdentifier)?.string, name.utf8.count > limit else { return identifier }
        let digest = SHA256.hash(data: Array(name.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined().prefix(16)
        var start = Substring(name)
        while start.utf8.count > limit - 17 { start = start.dropLast() }
        return SQLIdentifier(start + "_" + digest)
    }
}
