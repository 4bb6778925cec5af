import AuroraDataAPI

/// An `Encoder` that records the one scalar a value encodes through a single-value container (a `String`-backed
/// enum, a wrapper around an `Int` or a `Date`), or notes that it asked for a keyed or unkeyed container, which
/// makes it JSON (``AuroraSQLBinds``).
final class ScalarCapture: Encoder {
    /// What was encoded.
    struct Storage {
        var scalar: DataAPIValue?
        var isStructured = false
    }

    let position: Int
    var storage = Storage()
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(position: Int) { self.position = position }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        storage.isStructured = true
        return KeyedEncodingContainer(IgnoringKeyedContainer<Key>())
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        storage.isStructured = true
        return IgnoringUnkeyedContainer()
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValue(capture: self) }

    private struct SingleValue: SingleValueEncodingContainer {
        let capture: ScalarCapture
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { capture.storage.scalar = DataAPIValue(.null) }
        mutating func encode(_ value: Bool) throws { try set(value) }
        mutating func encode(_ value: String) throws { try set(value) }
        mutating func encode(_ value: Double) throws { try set(value) }
        mutating func encode(_ value: Float) throws { try set(value) }
        mutating func encode(_ value: Int) throws { try set(value) }
        mutating func encode(_ value: Int8) throws { try set(value) }
        mutating func encode(_ value: Int16) throws { try set(value) }
        mutating func encode(_ value: Int32) throws { try set(value) }
        mutating func encode(_ value: Int64) throws { try set(value) }
        mutating func encode(_ value: UInt) throws { try set(value) }
        mutating func encode(_ value: UInt8) throws { try set(value) }
        mutating func encode(_ value: UInt16) throws { try set(value) }
        mutating func encode(_ value: UInt32) throws { try set(value) }
        mutating func encode(_ value: UInt64) throws { try set(value) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            capture.storage.scalar = try AuroraSQLBinds.value(value, position: capture.position)
            // A nested structure was already turned into JSON text as a whole.
        }

        private func set(_ value: some DataAPIParameterValue) throws {
            capture.storage.scalar = try value.dataAPIValue()
        }
    }
}

/// Accepts and drops everything: the value is encoded again, as JSON.
private struct IgnoringKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {}
    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(IgnoringKeyedContainer<NestedKey>())
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { IgnoringUnkeyedContainer() }
    mutating func superEncoder() -> any Encoder { IgnoringEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { IgnoringEncoder() }
}

private struct IgnoringUnkeyedContainer: UnkeyedEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int { 0 }
    mutating func encodeNil() throws {}
    mutating func encode<T: Encodable>(_ value: T) throws {}
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(IgnoringKeyedContainer<NestedKey>())
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { IgnoringUnkeyedContainer() }
    mutating func superEncoder() -> any Encoder { IgnoringEncoder() }
}

private struct IgnoringEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(IgnoringKeyedContainer<Key>())
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { IgnoringUnkeyedContainer() }
    func singleValueContainer() -> any SingleValueEncodingContainer { IgnoringSingleValue() }
}

private struct IgnoringSingleValue: SingleValueEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil() throws {}
    mutating func encode(_ value: Bool) throws {}
    mutating func encode(_ value: String) throws {}
    mutating func encode(_ value: Double) throws {}
    mutating func encode(_ value: Float) throws {}
    mutating func encode(_ value: Int) throws {}
    mutating func encode(_ value: Int8) throws {}
    mutating func encode(_ value: Int16) throws {}
    mutating func encode(_ value: Int32) throws {}
    mutating func encode(_ value: Int64) throws {}
    mutating func encode(_ value: UInt) throws {}
    mutating func encode(_ value: UInt8) throws {}
    mutating func encode(_ value: UInt16) throws {}
    mutating func encode(_ value: UInt32) throws {}
    mutating func encode(_ value: UInt64) throws {}
    mutating func encode<T: Encodable>(_ value: T) throws {}
}
