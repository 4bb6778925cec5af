#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPIModel

/// Decodes a request body into one of the model's request shapes, refusing it the way the service does:
///
/// - a body that is not JSON, or a member of the wrong JSON type -> `SerializationException`;
/// - a missing required member -> `ValidationException` "Value null at '<member>' failed to satisfy
///   constraint: Member must not be null";
/// - a `Field` or `ArrayValue` with zero or several members set -> `ValidationException`.
///
/// An empty body counts as `{}` (so it reports the first missing member), as Coral services do.
enum DataAPIRequestDecoding {
    static func decode<Shape: Decodable>(_ type: Shape.Type, from body: [UInt8]) throws(DataAPIError) -> Shape {
        let bytes = body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 } ? Array("{}".utf8) : body
        do {
            return try DataAPIJSONCoding.decoder().decode(Shape.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw map(error)
        } catch {
            throw DataAPIError(code: .serializationException, message: "The request body could not be read: \(error)")
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { key in key.intValue.map { "\($0)" } ?? key.stringValue }.joined(separator: ".")
    }

    private static func map(_ error: DecodingError) -> DataAPIError {
        switch error {
        case .keyNotFound(let key, let context):
            let member = path(context.codingPath + [key])
            return .constraint(member: member, value: nil, "Member must not be null")
        case .valueNotFound(_, let context):
            return .constraint(member: path(context.codingPath), value: nil, "Member must not be null")
        case .typeMismatch(let type, let context):
            return DataAPIError(
                code: .serializationException,
                message: "Unexpected JSON type at '\(path(context.codingPath))': expected \(type)."
            )
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return DataAPIError(code: .serializationException, message: "The request body is not valid JSON.")
        case .dataCorrupted(let context):
            return .validation("Invalid value at '\(path(context.codingPath))': \(context.debugDescription)")
        @unknown default:
            return DataAPIError(code: .serializationException, message: "The request body could not be read.")
        }
    }
}
