import AuroraDataAPI
import AuroraDataAPIModel
import AuroraTestSupport
import Foundation
import Synchronization
import Testing

/// `withTransaction`: commit, rollback on error and on cancellation, one call at a time.
@Suite("Transactions")
struct TransactionTests {
    /// Answers like the Data API for transaction calls and ExecuteStatement.
    static func transactionServer(executeDelay: Duration = .zero, executeFailure: ScriptedResponse? = nil)
        -> @Sendable (RecordedRequest) async -> ScriptedResponse
    {
        { request in
            switch request.uri {
            case "/BeginTransaction": return .json(#"{"transactionId":"tx-42"}"#)
            case "/CommitTransaction": return .json(#"{"transactionStatus":"Transaction Committed"}"#)
            case "/RollbackTransaction": return .json(#"{"transactionStatus":"Rollback Complete"}"#)
            default:
                if let executeFailure, request.bodyText.contains("fail") { return executeFailure }
                return ScriptedResponse.executeOK.delayed(by: executeDelay)
            }
        }
    }

    struct Boom: Error {}

    @Test("commits after the closure returns; statements carry the transaction id")
    func commit() async throws {
        try await ScriptedHTTPServer.withServer(handler: Self.transactionServer()) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let value = try await client.withTransaction { tx in
                try await tx.execute("UPDATE a SET x = \(1)")
                try await tx.execute("UPDATE b SET y = \(2)")
                return tx.id
            }
            #expect(value == "tx-42")
            let requests = server.requests
            #expect(requests.map(\.uri) == ["/BeginTransaction", "/Execute", "/Execute", "/CommitTransaction"])
            #expect(requests[1].bodyText.contains(#""transactionId":"tx-42""#))
            #expect(requests[3].bodyText.contains(#""transactionId":"tx-42""#))
        }
    }

    @Test("rolls back and rethrows when the closure throws")
    func rollbackOnError() async throws {
        try await ScriptedHTTPServer.withServer(handler: Self.transactionServer()) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            await #expect(throws: Boom.self) {
                try await client.withTransaction { tx in
                    try await tx.execute("UPDATE a SET x = 1")
                    throw Boom()
                }
            }
            #expect(server.requests.map(\.uri) == ["/BeginTransaction", "/Execute", "/RollbackTransaction"])
        }
    }

    @Test("rolls back when a statement fails in the database")
    func rollbackOnDatabaseError() async throws {
        let failure = ScriptedResponse.dataAPIError("DatabaseErrorException", message: "duplicate key; Error code: 1062; SQLState: 23000")
        try await ScriptedHTTPServer.withServer(handler: Self.transactionServer(executeFailure: failure)) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let error = await #expect(throws: DataAPIError.self) {
                try await client.withTransaction { tx in try await tx.execute("INSERT fail") }
            }
            #expect(error?.databaseDetails.sqlState == "23000")
            #expect(server.requests.map(\.uri) == ["/BeginTransaction", "/Execute", "/RollbackTransaction"])
        }
    }

    @Test("rolls back even when the task is cancelled")
    func rollbackOnCancel() async throws {
        try await ScriptedHTTPServer.withServer(handler: Self.transactionServer(executeDelay: .seconds(30))) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let task = Task {
                try await client.withTransaction { tx in try await tx.execute("UPDATE a SET x = 1") }
            }
            while !server.requests.contains(where: { $0.uri == "/Execute" }) { try await Task.sleep(for: .milliseconds(10)) }
            task.cancel()
            let result = await task.result
            #expect(throws: (any Error).self) { try result.get() }
            #expect(server.requests.map(\.uri) == ["/BeginTransaction", "/Execute", "/RollbackTransaction"])
        }
    }

    @Test("concurrent calls on one transaction are sent one at a time")
    func serialized() async throws {
        let inFlight = Mutex((now: 0, max: 0))
        let base = Self.transactionServer()
        let handler: @Sendable (RecordedRequest) async -> ScriptedResponse = { request in
            guard request.uri == "/Execute" else { return await base(request) }
            inFlight.withLock { $0.now += 1; $0.max = max($0.max, $0.now) }
            try? await Task.sleep(for: .milliseconds(50))
            inFlight.withLock { $0.now -= 1 }
            return .executeOK
        }
        try await ScriptedHTTPServer.withServer(handler: handler) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            try await client.withTransaction { tx in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<5 {
                        group.addTask { try await tx.execute("UPDATE t SET x = \(index)") }
                    }
                    try await group.waitForAll()
                }
            }
            #expect(inFlight.withLock { $0.max } == 1)
            #expect(server.requests.filter { $0.uri == "/Execute" }.count == 5)
        }
    }

    @Test("a transaction cannot be used after it ended")
    func useAfterEnd() async throws {
        try await ScriptedHTTPServer.withServer(handler: Self.transactionServer()) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let escaped = try await client.withTransaction { tx in tx }
            let error = await #expect(throws: DataAPIError.self) { try await escaped.execute("SELECT 1") }
            #expect(error?.code == .invalidRequest)
            #expect(server.requests.map(\.uri) == ["/BeginTransaction", "/CommitTransaction"])
        }
    }

    @Test("a refused commit is reported and the transaction rolled back")
    func commitRefused() async throws {
        let base = Self.transactionServer()
        let handler: @Sendable (RecordedRequest) async -> ScriptedResponse = { request in
            request.uri == "/CommitTransaction"
                ? .dataAPIError("TransactionNotFoundException", status: 404) : await base(request)
        }
        try await ScriptedHTTPServer.withServer(handler: handler) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let error = await #expect(throws: DataAPIError.self) {
                try await client.withTransaction { tx in try await tx.execute("SELECT 1") }
            }
            #expect(error?.code == .transactionNotFound)
            #expect(server.requests.map(\.uri) == ["/BeginTransaction", "/Execute", "/CommitTransaction", "/RollbackTransaction"])
        }
    }
}
