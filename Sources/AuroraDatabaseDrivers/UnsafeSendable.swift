/// A client-library handle handed across a queue boundary: not `Sendable` itself, but used by one thread
/// at a time (its connection's `BlockingQueue`).
struct UnsafeSendable<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
