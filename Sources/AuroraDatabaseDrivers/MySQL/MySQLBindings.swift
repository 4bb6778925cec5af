import AuroraDataAPIModel
import CMariaDB

/// `MYSQL_BIND` arrays and the memory they point to, for parameters or for result columns.
/// Freed when the value is released.
final class MySQLBindings {
    let binds: UnsafeMutablePointer<MYSQL_BIND>
    let count: Int
    private var allocations: [UnsafeMutableRawPointer] = []

    init(count: Int) {
        self.count = count
        binds = .allocate(capacity: max(count, 1))
        binds.initialize(repeating: MYSQL_BIND(), count: max(count, 1))
    }

    deinit {
        allocations.forEach { $0.deallocate() }
        binds.deinitialize(count: max(count, 1))
        binds.deallocate()
    }

    func allocate(_ byteCount: Int) -> UnsafeMutableRawPointer {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: 8)
        allocations.append(memory)
        return memory
    }

    /// Parameters in marker order; typeHints DECIMAL → `MYSQL_TYPE_NEWDECIMAL`, others are sent as strings
    /// the server converts (MySQL has no UUID type; JSON is text).
    static func parameters(_ parameters: [SqlParameter]) throws(DatabaseFailure) -> MySQLBindings {
        let bindings = MySQLBindings(count: parameters.count)
        for (index, parameter) in parameters.enumerated() {
            let bind = bindings.binds + index
            switch parameter.value {
            case .null:
                bind.pointee.buffer_type = MYSQL_TYPE_NULL
            case .bool(let value):
                bindings.store(value ? Int8(1) : 0, in: bind, type: MYSQL_TYPE_TINY)
            case .long(let value):
                bindings.store(value, in: bind, type: MYSQL_TYPE_LONGLONG)
            case .double(let value):
                // MySQL's DOUBLE has no NaN or infinity. What Aurora MySQL's Data API answers is not documented;
                // the local endpoint refuses the parameter before the database sees it.
                guard value.isFinite else {
                    throw DatabaseFailure(
                        kind: .statement,
                        message: "Parameter \(index + 1) is \(JSONText.nonFiniteText(value)), which MySQL cannot store (its DOUBLE has no NaN or infinity); send NULL or a finite value.")
                }
                bindings.store(value, in: bind, type: MYSQL_TYPE_DOUBLE)
            case .string(let value):
                bindings.store(bytes: Array(value.utf8), in: bind, type: parameter.typeHint == .decimal ? MYSQL_TYPE_NEWDECIMAL : MYSQL_TYPE_STRING)
            case .blob(let value):
                bindings.store(bytes: value, in: bind, type: MYSQL_TYPE_BLOB)
            case .array:
                throw DatabaseFailure(kind: .statement, message: "Array parameters are not supported.")
            }
        }
        return bindings
    }

    private func store<T>(_ value: T, in bind: UnsafeMutablePointer<MYSQL_BIND>, type: enum_field_types) {
        let memory = allocate(MemoryLayout<T>.size)
        memory.storeBytes(of: value, as: T.self)
        bind.pointee.buffer = memory
        bind.pointee.buffer_length = UInt(MemoryLayout<T>.size)
        bind.pointee.buffer_type = type
    }

    private func store(bytes: [UInt8], in bind: UnsafeMutablePointer<MYSQL_BIND>, type: enum_field_types) {
        let memory = allocate(bytes.count)
        memory.copyMemory(from: bytes, byteCount: bytes.count)
        bind.pointee.buffer = memory
        bind.pointee.buffer_length = UInt(bytes.count)
        bind.pointee.buffer_type = type
    }
}
