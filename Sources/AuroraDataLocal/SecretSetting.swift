#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A secret setting of `aurora-data-local` (secret access key, database URL) that can come from a command-line
/// flag, a file named by a `-file` flag, or an environment variable, so it need not appear in the process list.
/// Precedence: the flag, then the file, then the environment variable.
public struct SecretSetting: Sendable {
    /// Files holding a secret are small; a longer one is refused rather than read whole.
    public static let maximumFileBytes = 64 * 1024

    public var flag: String
    public var environmentVariable: String

    public init(flag: String, environmentVariable: String) {
        self.flag = flag
        self.environmentVariable = environmentVariable
    }

    /// The value, or nil when no source gives one. A file's trailing line break is dropped.
    public func resolve(
        value: String?, file: String?, environment: [String: String]
    ) throws(LocalEndpointError) -> String? {
        if value != nil, file != nil {
            throw LocalEndpointError(message: "Give \(flag) or \(flag)-file, not both.")
        }
        if let value { return value }
        if let file { return try Self.read(file, flag: "\(flag)-file") }
        if let text = environment[environmentVariable], !text.isEmpty { return text }
        return nil
    }

    /// The text of `path` without its trailing line breaks, refused past ``maximumFileBytes``.
    static func read(_ path: String, flag: String) throws(LocalEndpointError) -> String {
        guard let file = fopen(path, "rb") else {
            throw LocalEndpointError(
                message: "\(flag): cannot read \(path): \(String(cString: strerror(errno))). Check the path and its permissions.")
        }
        defer { fclose(file) }
        var bytes = [UInt8](repeating: 0, count: maximumFileBytes + 1)
        let count = fread(&bytes, 1, bytes.count, file)
        guard count <= maximumFileBytes else {
            throw LocalEndpointError(
                message: "\(flag): \(path) is larger than \(maximumFileBytes) bytes; it should hold only the secret.")
        }
        var text = String(decoding: bytes[0..<count], as: UTF8.self)
        while text.last?.isNewline == true { text.removeLast() }
        guard !text.isEmpty else { throw LocalEndpointError(message: "\(flag): \(path) is empty.") }
        return text
    }
}
