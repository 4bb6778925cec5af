#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDatabaseDrivers

/// Where a database server listens and whom to log in as, e.g. from
/// `postgresql://user:pass@127.0.0.1:5432/db` or `mysql://user:pass@127.0.0.1:3306/db`.
public struct DatabaseServerAddress: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var engine: DatabaseEngine
    public var host: String
    public var port: Int
    public var credentials: DatabaseCredentials
    /// The database named in the URL path, if any.
    public var database: String?

    public init(engine: DatabaseEngine, host: String, port: Int, credentials: DatabaseCredentials, database: String? = nil) {
        self.engine = engine
        self.host = host
        self.port = port
        self.credentials = credentials
        self.database = database
    }

    /// Parses a server URL. Schemes: `postgresql`/`postgres` (default port 5432) and `mysql`/`mariadb`
    /// (default port 3306). User name and password may be percent-encoded.
    public init(url: String) throws(LocalDatabaseServerError) {
        func invalid(_ reason: String) -> LocalDatabaseServerError {
            LocalDatabaseServerError(
                code: .invalidURL,
                message: "The database URL \(Self.redacted(url)) \(reason). "
                    + "Use postgresql://user:password@host:port/database or mysql://user:password@host:port/database.")
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw invalid("is not a valid URL")
        }
        switch scheme {
        case "postgresql", "postgres": engine = .postgresql
        case "mysql", "mariadb": engine = .mysql
        default: throw invalid("has the unknown scheme '\(scheme)'")
        }
        guard let host = components.host, !host.isEmpty else { throw invalid("names no host") }
        guard let user = components.user, !user.isEmpty else { throw invalid("names no user") }
        self.host = host
        self.port = components.port ?? (engine == .postgresql ? 5432 : 3306)
        guard (1...65535).contains(port) else { throw invalid("has the port \(port), outside 1-65535") }
        credentials = DatabaseCredentials(username: user, password: components.password ?? "")
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? nil : path
    }

    /// The URL without the password, for messages and logs.
    public var redactedURL: String {
        "\(engine == .postgresql ? "postgresql" : "mysql")://\(credentials.username)@\(host):\(port)/\(database ?? "")"
    }

    /// The redacted URL: an address interpolated into a message or log never shows the password.
    public var description: String { redactedURL }
    public var debugDescription: String { redactedURL }

    /// A backend that connects to this server.
    public func backend() -> any DatabaseBackend {
        switch engine {
        case .postgresql: PostgreSQLBackend(host: host, port: port)
        case .mysql: MySQLBackend(host: host, port: port)
        }
    }

    /// `url` with whatever stands between `scheme://user:` and the last `@` replaced by `***`. Works on text, not
    /// on a parse, so a URL too broken to parse (or a password holding `/` or `@`) is redacted too.
    static func redacted(_ url: String) -> String {
        let rest = url.firstRange(of: "://").map { url[$0.upperBound...] } ?? url[...]
        guard let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") else { return url }
        return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
    }
}
