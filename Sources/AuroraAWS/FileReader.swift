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

    /// Shared config, credentials and token files are a few kilobytes; a larger one is refused, not read whole.
    public static let maximumFileBytes = 1 << 20

    /// Reads from the real file system; files over ``maximumFileBytes`` fail with a clear error.
    public static let live = FileReader { path in
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        do {
            guard size <= maximumFileBytes else { throw tooLarge(path) }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            // The file may have grown since its size was read.
            guard data.count <= maximumFileBytes else { throw tooLarge(path) }
            return String(decoding: data, as: UTF8.self)
        } catch let error as AWSConfigurationError {
            throw error
        } catch {
            throw AWSConfigurationError(
                code: .invalidProfile,
                message: "Could not read \(path): \(error). Check the file's permissions."
            )
        }
    }

    private static func tooLarge(_ path: String) -> AWSConfigurationError {
        AWSConfigurationError(
            code: .invalidProfile,
            message: "\(path) is larger than \(maximumFileBytes) bytes, the limit for AWS config, credentials and token "
                + "files. Check that the path names the right file.")
    }

    /// Serves files from a dictionary of path to contents; other paths do not exist.
    public static func inMemory(_ files: [String: String]) -> FileReader {
        FileReader { files[$0] }
    }
}
