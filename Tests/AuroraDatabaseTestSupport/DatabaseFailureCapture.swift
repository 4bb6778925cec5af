import AuroraDatabaseDrivers

/// The `DatabaseFailure` an operation threw, or nil when it succeeded.
public func failure<T>(_ operation: () async throws(DatabaseFailure) -> T) async -> DatabaseFailure? {
    do {
        _ = try await operation()
        return nil
    } catch {
        return error
    }
}
