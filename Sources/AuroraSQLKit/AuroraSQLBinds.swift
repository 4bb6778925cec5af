#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPI

/// SQLKit's bound values as Data API parameters: `:b1`, `:b2`, ... with a `Field` and a type hint each.
///
/// | bound value | parameter |
/// |---|---|
/// | a `DataAPIParameterValue` (`Int`, `String`, `Double`, `Bool`, `Decimal`, `UUID`, `Date`, `Data`, `[UInt8]`, ...) | its own value and hint (see `DataAPIParameterValue`) |
/// | `nil` | `isNull` |
/// | any other array or set, a struct or dictionary | JSON text with the `JSON` hint (the service refuses array parameters; a JSON or `jsonb` column takes it) |
/// | a value that encodes one scalar (a `String`-backed enum, a wrapper) | that scalar |
///
/// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html
enum AuroraSQLBinds {
    /// The placeholder of the bind at `position` (1-based, as SQLKit counts).
    static func placeholder(_ position: Int) -> String { ":b\(position)" }

    /// The parameters of `binds`, named after their positions.
    static func parameters(_ binds: [any Encodable & Sendable]) throws -> [SqlParameter] {
        var parameters: [SqlParameter] = []
        parameters.reserveCapacity(binds.count)
        for (offset, bind) in binds.enumerated() {
            let name = String(placeholder(offset + 1).dropFirst())
            parameters.append(try value(bind, position: offset + 1).parameter(named: name))
        }
        return parameters
    }

    /// One bound value as a Data API value.
    static func value(_ bind: any Encodable, position: Int) throws -> DataAPIValue {
        if let optional = bind as? any OptionalBind {
            guard let wrapped = optional.wrappedBind else { return DataAPIValue(.null) }
            return try value(wrapped, position: position)
        }
        if !(bind is any CollectionBind) || bind is [UInt8], let direct = bind as? any DataAPIParameterValue {
            return try direct.dataAPIValue()
        }
        let capture = ScalarCapture(position: position)
        try bind.encode(to: capture)
        if let scalar = capture.storage.scalar, !capture.storage.isStructured { return scalar }
        return try json(bind, position: position)
    }

    /// A structured value as JSON text with the `JSON` hint.
    private static func json(_ bind: any Encodable, position: Int) throws -> DataAPIValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            return DataAPIValue(.string(String(decoding: try encoder.encode(bind), as: UTF8.self)), typeHint: .json)
        } catch {
            throw AuroraSQLError(
                code: .unsupportedBind,
                message: "Bound value \(position) (\(type(of: bind))) could not be encoded as JSON: \(error). "
                    + "Bind a scalar, or give the type an Encodable conformance that JSONEncoder accepts.")
        }
    }
}

/// Optionals, so a bound `Optional<T>` becomes NULL or its wrapped value.
protocol OptionalBind {
    var wrappedBind: (any Encodable)? { get }
}

extension Optional: OptionalBind where Wrapped: Encodable {
    var wrappedBind: (any Encodable)? { self.map { $0 as any Encodable } }
}

/// Arrays and sets, which travel as JSON rather than as the array parameters the service refuses.
protocol CollectionBind {}
extension Array: CollectionBind {}
extension Set: CollectionBind {}
extension ContiguousArray: CollectionBind {}
