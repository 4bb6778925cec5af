import Foundation

/// The absolute path of a python3 (found through PATH) that can run `import <modules>`, nil when there is none.
/// Absolute, because tests run python with a scratch HOME in which version-manager shims do not work.
public func python3(importing modules: String) -> String? {
    let output = try? runTool("/usr/bin/env", ["python3", "-c", "import sys, \(modules); print(sys.executable)"])
    guard let output, output.status == 0 else { return nil }
    return String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// The hex SHA-1 of `text`, from coreutils' `sha1sum` (an implementation independent of the one under test), as
/// the AWS CLI names its SSO cache files.
public func sha1Hex(_ text: String) throws -> String {
    String(String(decoding: try runTool("/usr/bin/sha1sum", [], input: Data(text.utf8)).stdout, as: UTF8.self).prefix(40))
}

/// Runs a tool to completion; standard error is dropped.
private func runTool(_ path: String, _ arguments: [String], input: Data = Data()) throws -> (status: Int32, stdout: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    stdin.fileHandleForWriting.write(input)
    try stdin.fileHandleForWriting.close()
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}
