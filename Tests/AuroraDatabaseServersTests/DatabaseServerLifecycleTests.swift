import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraDatabaseServers
import AuroraDatabaseTestSupport
import Foundation
import Testing

/// Starting, using and stopping throwaway servers; connecting to existing servers by URL.
@Suite("Database servers: lifecycle")
struct DatabaseServerLifecycleTests {
    @Test(arguments: DatabaseEngine.allCases)
    func stoppedServerFailsTheSessionWithAConnectionError(engine: DatabaseEngine) async throws {
        let server = try await LocalDatabaseServer.start(engine)
        let directory = server.directory
        #expect(FileManager.default.fileExists(atPath: directory))
        let connection = try await server.backend.connect(database: nil, credentials: server.address.credentials)
        defer { connection.close() }
        #expect(try await connection.execute(sql: "SELECT 1 AS one", parameters: [], resultSetOptions: nil).records == [[.long(1)]])

        await server.shutdown()
        #expect(!FileManager.default.fileExists(atPath: directory))
        let lost = await failure { () async throws(DatabaseFailure) in
            try await connection.execute(sql: "SELECT 1 AS one", parameters: [], resultSetOptions: nil)
        }
        #expect(lost?.kind == .connection)
        #expect(lost?.message.contains("server") == true)
        let reconnect = await failure { () async throws(DatabaseFailure) in
            try await server.backend.connect(database: nil, credentials: server.address.credentials)
        }
        #expect(reconnect?.kind == .connection)
        await server.shutdown()  // idempotent
    }

    @Test(arguments: DatabaseEngine.allCases)
    func existingServerByURL(engine: DatabaseEngine) async throws {
        let server = try await DatabaseServers.server(engine)
        let credentials = server.address.credentials
        let scheme = engine == .postgresql ? "postgresql" : "mysql"
        let address = try DatabaseServerAddress(
            url: "\(scheme)://\(credentials.username):\(credentials.password)@127.0.0.1:\(server.address.port)/")
        #expect(address == DatabaseServerAddress(engine: engine, host: "127.0.0.1", port: server.address.port, credentials: credentials))
        let connection = try await address.backend().connect(database: address.database, credentials: address.credentials)
        defer { connection.close() }
        #expect(try await connection.execute(sql: "SELECT 3 AS three", parameters: [], resultSetOptions: nil).records == [[.long(3)]])
    }

    @Test func urlParsing() throws {
        let address = try DatabaseServerAddress(url: "postgres://app%40x:p%3Ass@db.local/orders")
        #expect(address.engine == .postgresql && address.host == "db.local" && address.port == 5432)
        #expect(address.credentials == DatabaseCredentials(username: "app@x", password: "p:ss"))
        #expect(address.database == "orders")
        #expect(address.redactedURL == "postgresql://app@x@db.local:5432/orders")
        #expect(try DatabaseServerAddress(url: "mysql://root@127.0.0.1").port == 3306)

        for bad in ["oracle://u:p@h/db", "postgresql://h:5432/db", "not a url", "mysql://u:secret@/db"] {
            #expect {
                try DatabaseServerAddress(url: bad)
            } throws: { error in
                let error = error as? LocalDatabaseServerError
                return error?.code == .invalidURL && error?.message.contains("secret") == false
            }
        }
    }

    @Test(arguments: DatabaseEngine.allCases)
    func missingBinariesNameThePackage(engine: DatabaseEngine) async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-db-\(UUID().uuidString)").path
        do {
            _ = try await LocalDatabaseServer.start(engine, installationRoot: empty)
            Issue.record("started without binaries")
        } catch {
            #expect(error.code == .missingBinaries)
            #expect(error.message.contains(engine == .postgresql ? "apt-get install postgresql" : "apt-get install mariadb-server"))
        }
    }

    @Test func startupTimeoutReportsTheServerLog() async throws {
        do {
            let server = try await LocalDatabaseServer.start(.postgresql, startupTimeout: .milliseconds(1))
            await server.shutdown()
            Issue.record("a server accepted connections within 1 ms")
        } catch {
            #expect(error.code == .startTimeout)
            #expect(error.message.contains("Server log:"))
        }
    }

    @Test func createDatabaseRejectsUnsafeNames() async throws {
        let server = try await DatabaseServers.server(.postgresql)
        let failure = await failure { () async throws(DatabaseFailure) in try await server.createDatabase("x\"; DROP") }
        #expect(failure?.kind == .statement)
    }
}
