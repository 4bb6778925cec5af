#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads small text files (shared config, token files). Injected so tests control the file system view.
public struct FileReader: Sendable {
    private let read: @Sendable (String) throws -> String?

    /// - Parameter read: returns the file's text, `nil` when the file does not exist, throws when it cannot be read.
    public init(_ read: @escaping @Sendable (String) throws -> String?) {
        self.read = read
    }

    /// The file's text, or `nil` when it does not exist.
    public func contents(ofFile path: String) throws -> String? {
        try read(path)
    }

    /// Reads from the real file system.
    public static let live = FileReader { path in
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw AWSConfigurationError(
                code: .invalidProfile,
                message: "Could not read \(path): \(error). Check the file's permissions."
            )
        }
    }

    /// Serves files from a dictionary of path to contents; other paths do not exist.
    public static func inMemory(_ files: [String: String]) -> FileReader {
        FileReader { files[$0] }
    }
}
