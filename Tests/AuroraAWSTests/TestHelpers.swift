import AuroraAWS
import AuroraSigV4
import Foundation
import Logging
import Synchronization

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// The clock as the `now` closure the library takes.
    var closure: @Sendable () -> Date { { [self] in self.now } }
}

/// A provider that hands out numbered credentials (`AKID1`, `AKID2`, ...) and counts its calls.
final class CountingProvider: CredentialProvider {
    private let calls = Mutex(0)
    private let lifetime: TimeInterval?
    private let clock: ManualClock
    private let delay: Duration
    private let failing = Mutex(false)

    init(clock: ManualClock, lifetime: TimeInterval?, delay: Duration = .zero) {
        self.clock = clock
        self.lifetime = lifetime
        self.delay = delay
    }

    var callCount: Int { calls.withLock { $0 } }

    func fail(_ value: Bool) { failing.withLock { $0 = value } }

    func credentials(logger: Logger) async throws -> AWSCredentials {
        let number = calls.withLock { count in
            count += 1
            return count
        }
        if delay > .zero { try await Task.sleep(for: delay) }
        if failing.withLock({ $0 }) {
            throw AWSConfigurationError(code: .credentialSourceFailed, message: "scripted failure \(number)")
        }
        return AWSCredentials(
            accessKeyId: "AKID\(number)", secretAccessKey: "secret\(number)", sessionToken: "token\(number)",
            expiration: lifetime.map { clock.now.addingTimeInterval($0) })
    }
}

/// A scratch directory removed at the end of the test.
struct TemporaryDirectory: ~Copyable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("aurora-aws-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` in the directory and returns the full path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// A TCP port on 127.0.0.1 where nothing listens (bound, then closed).
func closedLocalPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
            bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
        }
    }
    guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Runs `body` and returns the ``AWSConfigurationError`` it throws; nil when it throws nothing or something else.
func configurationError<T>(_ body: () async throws -> T) async -> AWSConfigurationError? {
    do {
        _ = try await body()
        return nil
    } catch let error as AWSConfigurationError {
        return error
    } catch {
        return nil
    }
}

let silentLogger = Logger.disabled

/// Records the URLs it is asked for and answers with one fixed response, for addresses no test server can
/// listen on (169.254.170.2, 169.254.169.254).
final class RecordingTransport: HTTPTransport {
    private let recorded = Mutex<[String]>([])
    private let response: HTTPResponse

    init(response: HTTPResponse) {
        self.response = response
    }

    var urls: [String] { recorded.withLock { $0 } }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        recorded.withLock { $0.append(request.url) }
        return response
    }
}
