import AuroraAWS
import AuroraDatabaseDrivers
import AuroraDatabaseServers
import AuroraDataLocal
import AuroraDataLocalTestSupport
import AuroraSigV4
import Foundation
import Testing

@Suite("secret settings from flags, files and the environment")
struct SecretSettingTests {
    let setting = SecretSetting(flag: "--secret-access-key", environmentVariable: "AURORA_LOCAL_SECRET_ACCESS_KEY")

    @Test func precedenceAndFiles() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
        try "from-file\r\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let environment = ["AURORA_LOCAL_SECRET_ACCESS_KEY": "from-env"]
        #expect(try setting.resolve(value: "from-flag", file: nil, environment: environment) == "from-flag")
        #expect(try setting.resolve(value: nil, file: file.path, environment: environment) == "from-file")
        #expect(try setting.resolve(value: nil, file: nil, environment: environment) == "from-env")
        #expect(try setting.resolve(value: nil, file: nil, environment: [:]) == nil)
        #expect(throws: LocalEndpointError.self) { try setting.resolve(value: "x", file: file.path, environment: [:]) }
    }

    @Test func oversizedMissingAndEmptyFilesAreRefused() throws {
        let big = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
        try String(repeating: "s", count: SecretSetting.maximumFileBytes + 1).write(to: big, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: big) }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
        try "\n".write(to: empty, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: empty) }
        for (path, expected) in [(big.path, "larger than 65536 bytes"), ("/nonexistent/secret", "cannot read"), (empty.path, "is empty")] {
            var message = ""
            do {
                _ = try setting.resolve(value: nil, file: path, environment: [:])
            } catch {
                message = error.message
            }
            #expect(message.contains(expected) && message.hasPrefix("--secret-access-key-file"), "\(message)")
        }
    }
}
