/// `AuroraDatabaseServers`: the database servers the drivers connect to. Its one job: say where a server is
/// (`DatabaseServerAddress`, from a `postgresql://` or `mysql://` URL) and run throwaway ones: a fresh data directory,
/// the machine's installed PostgreSQL or MariaDB binaries, a free loopback port, an unprivileged user when running
/// as root, and a watchdog that removes everything if this process dies first. It may depend on
/// AuroraDatabaseDrivers (connections, to check a server is up), AuroraProcess (to start the binaries),
/// AuroraDataAPIModel and the toolchain; nothing of HTTP or the Data API endpoint.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraProcess
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A throwaway PostgreSQL or MariaDB server: a fresh data directory in a temporary directory, the
/// machine's installed server binaries, a free loopback port, and a superuser with a password usable
/// over TCP. ``stop()`` ends the server and deletes the directory; a watchdog does the same if this process
/// ends first.
///
/// Binaries: PostgreSQL from `/usr/lib/postgresql/<newest>/bin` (Debian `postgresql`), MariaDB
/// `mariadb-install-db` + `mariadbd` (Debian `mariadb-server`). As root, the server runs as `nobody`.
public final class LocalDatabaseServer: Sendable {
    /// Where the server listens and its superuser.
    public let address: DatabaseServerAddress
    /// The temporary directory holding data, socket and `server.log`.
    public let directory: String
    private let process: ChildProcess
    private let watchdog: ChildProcess
    private let recipe: ServerRecipe
    private let stopped = Latch()

    public var engine: DatabaseEngine { address.engine }
    /// A backend connected to this server.
    public var backend: any DatabaseBackend { address.backend() }

    private init(
        address: DatabaseServerAddress, directory: String, process: ChildProcess, watchdog: ChildProcess, recipe: ServerRecipe
    ) {
        self.address = address
        self.directory = directory
        self.process = process
        self.watchdog = watchdog
        self.recipe = recipe
    }

    /// Starts a fresh server of `engine` and waits until it accepts `credentials` over TCP.
    /// - Parameters:
    ///   - credentials: the superuser to create; default `postgres` (PostgreSQL) or `admin` (MySQL) with a
    ///     random password.
    ///   - startupTimeout: how long to wait for the server to accept connections.
    ///   - installationRoot: a directory the binaries are installed under (`""`: the machine's own `/usr`).
    public static func start(
        _ engine: DatabaseEngine, credentials: DatabaseCredentials? = nil, startupTimeout: Duration = .seconds(60),
        installationRoot: String = ""
    ) async throws(LocalDatabaseServerError) -> LocalDatabaseServer {
        let recipe = try ServerRecipe.find(engine, root: installationRoot)
        let credentials = credentials ?? DatabaseCredentials(
            username: engine == .postgresql ? "postgres" : "admin", password: randomPassword())
        let user = try UnprivilegedUser.forCurrentProcess()
        let directory = try makeTemporaryDirectory(owner: user)
        do {
            // initdb / mariadb-install-db take seconds: wait for them off the concurrency pool.
            try await BlockingQueue(label: "aurora-data-local.initdb").run { () -> Result<Void, LocalDatabaseServerError> in
                Result { () throws(LocalDatabaseServerError) in
                    try recipe.initialize(directory: directory, credentials: credentials, user: user)
                }
            }
            return try await launch(
                recipe: recipe, directory: directory, credentials: credentials, user: user, timeout: startupTimeout)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Creates a database (name: letters, digits and `_`), doing nothing if it exists.
    public func createDatabase(_ name: String) async throws(DatabaseFailure) {
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || ($0 < 128 && isalnum(Int32($0)) != 0) })
        else {
            throw DatabaseFailure(
                kind: .statement,
                message: "The database name '\(name)' is not allowed here: use letters, digits and underscores.")
        }
        let connection = try await backend.connect(database: nil, credentials: address.credentials)
        defer { connection.close() }
        switch engine {
        case .postgresql:
            let exists = try await connection.execute(
                sql: "SELECT 1 FROM pg_database WHERE datname = :name",
                parameters: [SqlParameter(name: "name", value: .string(name))], resultSetOptions: nil)
            if exists.records?.isEmpty == false { return }
            _ = try await connection.execute(sql: "CREATE DATABASE \"\(name)\"", parameters: [], resultSetOptions: nil)
        case .mysql:
            _ = try await connection.execute(
                sql: "CREATE DATABASE IF NOT EXISTS `\(name)`", parameters: [], resultSetOptions: nil)
        }
    }

    /// The last `lines` lines of the server log.
    public func logTail(lines: Int = 20) -> String {
        Self.logTail(directory: directory, lines: lines)
    }

    /// Stops the server (fast shutdown, then SIGKILL after 10 s) and deletes its directory; blocks until the
    /// server is gone (usually well under a second). Idempotent.
    public func stop() {
        guard stopped.set() else { return }
        watchdog.terminate(with: SIGKILL, grace: .seconds(1))
        process.terminate(with: recipe.stopSignal, grace: .seconds(10))
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// ``stop()`` from async code: the wait for the server to exit happens on a thread of its own, not on one of
    /// the cooperative pool's few threads.
    public func shutdown() async {
        await BlockingQueue(label: "aurora-data-local.stop").run { () -> Result<Void, Never> in
            self.stop()
            return .success(())
        }
    }

    deinit { stop() }
}

extension LocalDatabaseServer {
    private static func launch(
        recipe: ServerRecipe, directory: String, credentials: DatabaseCredentials, user: UnprivilegedUser?,
        timeout: Duration
    ) async throws(LocalDatabaseServerError) -> LocalDatabaseServer {
        var attempt = 0
        while true {
            attempt += 1
            let port = try LoopbackPort.free()
            let (executable, arguments) = recipe.serverCommand(directory: directory, port: port)
            let command = user?.command(executable, arguments) ?? (executable, arguments)
            let process: ChildProcess
            do {
                process = try ChildProcess.spawn(
                    command.0, command.1, environment: recipe.environment(directory: directory),
                    logPath: directory + "/server.log")
            } catch {
                throw LocalDatabaseServerError(error)
            }
            let watchdog: ChildProcess
            do {
                watchdog = try ServerWatchdog.watch(server: process.pid, stopSignal: recipe.stopSignal, directory: directory)
            } catch {
                process.terminate(with: SIGKILL, grace: .seconds(1))
                throw error
            }
            let address = DatabaseServerAddress(
                engine: recipe.engine, host: "127.0.0.1", port: port, credentials: credentials)
            let server = LocalDatabaseServer(
                address: address, directory: directory, process: process, watchdog: watchdog, recipe: recipe)
            switch await server.waitUntilReady(timeout: timeout) {
            case .ready:
                return server
            case .portTaken where attempt < 3:
                server.stopped.set()
                watchdog.terminate(with: SIGKILL, grace: .seconds(1))
                process.terminate(with: SIGKILL, grace: .seconds(1))
                continue
            case .portTaken:
                server.stop()
                throw LocalDatabaseServerError(
                    code: .portInUse,
                    message: "The \(recipe.engine) server could not bind a loopback port after 3 attempts "
                        + "(last \(port)); another process keeps taking them.")
            case .failed(let detail):
                let tail = logTail(directory: directory, lines: 15)
                server.stop()
                throw LocalDatabaseServerError(
                    code: .startFailed, message: "The \(recipe.engine) server did not start: \(detail). Server log:\n\(tail)")
            case .timedOut(let lastError):
                let tail = logTail(directory: directory, lines: 15)
                server.stop()
                throw LocalDatabaseServerError(
                    code: .startTimeout,
                    message: "The \(recipe.engine) server did not accept connections within \(timeout) "
                        + "(last error: \(lastError)). Server log:\n\(tail)")
            }
        }
    }

    private enum Readiness {
        case ready, portTaken, failed(String), timedOut(String)
    }

    private func waitUntilReady(timeout: Duration) async -> Readiness {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var lastError = "none"
        while clock.now < deadline {
            if process.hasExited() {
                let log = logTail(lines: 40)
                if recipe.portTakenMarkers.contains(where: { log.contains($0) }) { return .portTaken }
                return .failed("the server process exited")
            }
            do {
                let connection = try await backend.connect(database: nil, credentials: address.credentials)
                connection.close()
                return .ready
            } catch {
                if error.kind == .authentication { return .failed("the new superuser was refused: \(error.message)") }
                lastError = error.message
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return .timedOut(lastError)
    }

    private static func makeTemporaryDirectory(owner: UnprivilegedUser?) throws(LocalDatabaseServerError) -> String {
        var template = Array("/tmp/aurora-db-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkdtemp($0) != nil } ?? false
        }
        guard made else {
            throw LocalDatabaseServerError(
                code: .startFailed, message: "Could not create a directory under /tmp: \(String(cString: strerror(errno))).")
        }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        owner?.own(path)
        return path
    }

    static func logTail(directory: String, lines: Int) -> String {
        guard let data = FileManager.default.contents(atPath: directory + "/server.log") else { return "(no log)" }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    private static func randomPassword() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<24).map { _ in String(UInt8.random(in: 0..<16, using: &generator), radix: 16) }.joined()
    }
}
