import Foundation
import Synchronization

/// moto's server (PyPI `moto[server]`) on 127.0.0.1, the STS emulator of the credential tests: it implements
/// `AssumeRole` and `AssumeRoleWithWebIdentity` over the real Query protocol (roles need not exist; temporary keys
/// start with `ASIA`; `GetCallerIdentity` with them names the assumed role and session).
///
/// One server per test process (``shared``); it exits when its standard input closes, i.e. with the test process.
public final class MotoServer: Sendable {
    /// e.g. `http://127.0.0.1:40123`.
    public let endpoint: String
    /// The python3 that runs it (with moto and boto3), for tests that call botocore too.
    public let python: String

    private init(endpoint: String, python: String) {
        self.endpoint = endpoint
        self.python = python
    }

    /// The absolute path of a python3 that can import moto's server, nil when there is none
    /// (scripts/install-deps.sh installs it).
    public static let python: String? = python3(importing: "moto.server, flask, flask_cors, boto3")

    private static let script = """
        import sys
        from moto.server import ThreadedMotoServer
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        print("endpoint: http://%s:%d" % server.get_host_and_port(), flush=True)
        sys.stdin.read()
        server.stop()
        """

    private static let started = Mutex<MotoServer?>(nil)

    /// The server of this test process, started at the first call.
    public static func shared() throws -> MotoServer {
        try started.withLock { current in
            if let current { return current }
            let server = try start()
            current = server
            return server
        }
    }

    private static func start() throws -> MotoServer {
        guard let python else {
            throw CocoaError(.executableNotLoadable, userInfo: [NSLocalizedDescriptionKey: "moto[server] is not installed"])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script]
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kept open for the life of the test process: moto exits when it closes.
        _ = Unmanaged.passRetained(input)
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "moto's server did not start"]) }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "endpoint: ") else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "moto's server printed \(text)"])
        }
        let endpoint = text[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        return MotoServer(endpoint: endpoint, python: python)
    }
}
