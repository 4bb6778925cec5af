import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libpq calls that send bound parameters (server-side binding: the values never enter the SQL text).
/// Results are requested in text format.
enum PostgreSQLStatement {
    static func execute(_ connection: OpaquePointer, sql: String, parameters: [PostgreSQLParameter]) -> OpaquePointer? {
        withParameterArrays(parameters) { count, types, values, lengths, formats in
            PQexecParams(connection, sql, count, types, values, lengths, formats, 0)
        }
    }

    /// Sends the statement without waiting for its result (read it with `PQgetResult`); false when it could not be sent.
    static func send(_ connection: OpaquePointer, sql: String, parameters: [PostgreSQLParameter]) -> Bool {
        withParameterArrays(parameters) { count, types, values, lengths, formats in
            PQsendQueryParams(connection, sql, count, types, values, lengths, formats, 0) == 1
        }
    }

    /// Prepares the unnamed statement.
    static func prepare(_ connection: OpaquePointer, sql: String, types: [UInt32]) -> OpaquePointer? {
        PQprepare(connection, "", sql, Int32(types.count), types)
    }

    /// Runs the unnamed prepared statement.
    static func executePrepared(_ connection: OpaquePointer, parameters: [PostgreSQLParameter]) -> OpaquePointer? {
        withParameterArrays(parameters) { count, _, values, lengths, formats in
            PQexecPrepared(connection, "", count, values, lengths, formats, 0)
        }
    }

    private static func withParameterArrays<R>(
        _ parameters: [PostgreSQLParameter],
        _ body: (Int32, [UInt32], [UnsafePointer<CChar>?], [Int32], [Int32]) -> R
    ) -> R {
        // Each value is copied into its own buffer (with a terminating NUL for text values).
        let buffers: [UnsafeMutablePointer<CChar>?] = parameters.map { parameter in
            guard let bytes = parameter.bytes else { return nil }
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress ?? UnsafeRawPointer(buffer), byteCount: bytes.count)
            }
            buffer[bytes.count] = 0
            return buffer
        }
        defer { buffers.forEach { $0?.deallocate() } }
        return body(
            Int32(parameters.count),
            parameters.map(\.typeOID),
            buffers.map { buffer in buffer.map { UnsafePointer($0) } },
            parameters.map { Int32($0.bytes?.count ?? 0) },
            parameters.map { $0.isBinary ? 1 : 0 })
    }
}
