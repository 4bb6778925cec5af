#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AuroraDatabaseDrivers
import AuroraProcess

/// How to initialise and run one engine's server from the binaries installed on the machine.
struct ServerRecipe: Sendable {
    let engine: DatabaseEngine
    /// `initdb` or `mariadb-install-db`.
    let initializer: String
    /// `postgres` or `mariadbd`.
    let server: String

    /// Finds the installed binaries under `root` (`""` for the machine's own), or explains which package
    /// to install.
    static func find(_ engine: DatabaseEngine, root: String) throws(LocalDatabaseServerError) -> ServerRecipe {
        switch engine {
        case .postgresql:
            let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root + "/usr/lib/postgresql")) ?? [])
                .compactMap(Int.init).sorted(by: >)
            for version in versions {
                let bin = root + "/usr/lib/postgresql/\(version)/bin"
                if isExecutable(bin + "/initdb"), isExecutable(bin + "/postgres") {
                    return ServerRecipe(engine: engine, initializer: bin + "/initdb", server: bin + "/postgres")
                }
            }
            throw LocalDatabaseServerError(
                code: .missingBinaries,
                message: "No PostgreSQL server binaries (initdb, postgres) under /usr/lib/postgresql/<version>/bin. "
                    + "Install them with `apt-get install postgresql`.")
        case .mysql:
            let initializer = firstExecutable(
                ["/usr/bin/mariadb-install-db", "/usr/local/bin/mariadb-install-db", "/usr/bin/mysql_install_db"].map { root + $0 })
            let server = firstExecutable(
                ["/usr/sbin/mariadbd", "/usr/bin/mariadbd", "/usr/local/sbin/mariadbd", "/usr/sbin/mysqld"].map { root + $0 })
            guard let initializer, let server else {
                throw LocalDatabaseServerError(
                    code: .missingBinaries,
                    message: "No MariaDB server binaries (mariadb-install-db, mariadbd) in /usr/bin or /usr/sbin. "
                        + "Install them with `apt-get install mariadb-server`.")
            }
            return ServerRecipe(engine: engine, initializer: initializer, server: server)
        }
    }

    /// Log lines that mean the port was taken between choosing it and binding it.
    var portTakenMarkers: [String] {
        ["Address already in use", "could not bind", "Do you already have another"]
    }

    /// Fast shutdown: SIGINT for PostgreSQL (SIGTERM would wait for clients), SIGTERM for MariaDB.
    var stopSignal: Int32 { engine == .postgresql ? SIGINT : SIGTERM }

    /// A private temporary directory too: MariaDB servers bootstrapping in parallel collide in a shared `/tmp`.
    func environment(directory: String) -> [String: String] {
        ["HOME": directory, "TMPDIR": directory + "/tmp", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C", "TZ": "UTC"]
    }

    /// Creates the data directory and the superuser.
    func initialize(
        directory: String, credentials: DatabaseCredentials, user: UnprivilegedUser?
    ) throws(LocalDatabaseServerError) {
        let temporary = directory + "/tmp"
        mkdir(temporary, 0o700)
        user?.own(temporary)
        let arguments: [String]
        switch engine {
        case .postgresql:
            let passwordFile = directory + "/superuser-password"
            try write(credentials.password + "\n", to: passwordFile, owner: user)
            arguments = [
                "-D", directory + "/data", "--auth=scram-sha-256", "--username=\(credentials.username)",
                "--pwfile=\(passwordFile)", "--encoding=UTF8", "--locale=C", "--no-sync",
            ]
        case .mysql:
            // The superuser is created by an init file on every start; root keeps only its socket login. The
            // file also makes fractional seconds round, as MySQL and Aurora MySQL do (MariaDB truncates by default).
            let account = "'\(Self.sqlLiteral(credentials.username))'@'%'"
            try write(
                """
                DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1';
                CREATE OR REPLACE USER \(account) IDENTIFIED BY '\(Self.sqlLiteral(credentials.password))';
                GRANT ALL PRIVILEGES ON *.* TO \(account) WITH GRANT OPTION;
                SET GLOBAL sql_mode = CONCAT_WS(',', NULLIF(@@GLOBAL.sql_mode, ''), 'TIME_ROUND_FRACTIONAL');

                """,
                to: directory + "/init.sql", owner: user)
            arguments = [
                "--no-defaults", "--datadir=\(directory)/data", "--auth-root-authentication-method=normal",
                "--skip-test-db", "--skip-name-resolve", "--tmpdir=\(temporary)",
            ]
        }
        let command = user?.command(initializer, arguments) ?? (initializer, arguments)
        let logPath = directory + "/init.log"
        let status: Int32
        do {
            status = try ChildProcess.run(
                command.0, command.1, environment: environment(directory: directory), logPath: logPath
            ).exitStatus ?? -1
        } catch {
            throw LocalDatabaseServerError(error)
        }
        if engine == .postgresql { try? FileManager.default.removeItem(atPath: directory + "/superuser-password") }
        guard status == 0 else {
            let log = FileManager.default.contents(atPath: logPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let lines = log.split(separator: "\n")
            // The error lines say what went wrong; the end of the log is mostly generic advice.
            let errors = lines.filter { $0.contains("ERROR") || $0.contains("error") }
            throw LocalDatabaseServerError(
                code: .startFailed,
                message: "\(initializer.split(separator: "/").last ?? "") failed with status \(status):\n"
                    + (errors.isEmpty ? lines.suffix(15) : errors.prefix(15)).joined(separator: "\n"))
        }
    }

    /// The server command line for `port`.
    func serverCommand(directory: String, port: Int) -> (String, [String]) {
        switch engine {
        case .postgresql:
            return (server, [
                "-D", directory + "/data", "-p", "\(port)", "-k", directory,
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=200",
            ])
        case .mysql:
            return (server, [
                "--no-defaults", "--datadir=\(directory)/data", "--port=\(port)", "--bind-address=127.0.0.1",
                "--socket=\(directory)/mysqld.sock", "--pid-file=\(directory)/mysqld.pid", "--skip-name-resolve",
                "--init-file=\(directory)/init.sql", "--log-error=\(directory)/server.log", "--skip-log-bin",
                "--tmpdir=\(directory)/tmp",
                "--innodb-buffer-pool-size=64M", "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci", "--max-connections=300",
            ])
        }
    }

    private func write(_ text: String, to path: String, owner: UnprivilegedUser?) throws(LocalDatabaseServerError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw LocalDatabaseServerError(code: .startFailed, message: "Could not write \(path): \(error).")
        }
        chmod(path, 0o600)
        owner?.own(path)
    }

    /// The body of a single-quoted MySQL string literal (for the init file, which cannot take parameters).
    private static func sqlLiteral(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("'", with: "''")
    }

    private static func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }

    private static func firstExecutable(_ paths: [String]) -> String? { paths.first(where: isExecutable) }
}
