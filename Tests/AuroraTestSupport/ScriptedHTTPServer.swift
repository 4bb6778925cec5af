import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// One request as the ``ScriptedHTTPServer`` received it.
public struct RecordedRequest: Sendable {
    public var method: String
    /// The request target as sent, e.g. `/Execute` or `/latest/api/token?x=1`.
    public var uri: String
    /// Header fields in the order received; names keep their case.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Which connection (0, 1, 2, ... in accept order) carried the request; tells reuse from reconnects.
    public var connectionNumber: Int

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// What the ``ScriptedHTTPServer`` does with one request.
public struct ScriptedResponse: Sendable {
    /// How the server ends the exchange.
    public enum Ending: Sendable, Hashable {
        /// Send status, headers and body (the server adds `content-length` unless a header sets it).
        case respond
        /// Close the connection without sending anything (after `delay`).
        case closeWithoutAnswer
        /// Send the head (with the full `content-length`) and half of the body, then close the connection.
        case closeMidBody
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Time to wait before answering (or closing). A long delay makes a server that "never answers".
    public var delay: Duration
    public var ending: Ending

    public init(
        status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        delay: Duration = .zero, ending: Ending = .respond
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.ending = ending
    }

    /// A response with a JSON body and `content-type: application/json`.
    public static func json(_ text: String, status: Int = 200, headers: [(name: String, value: String)] = [])
        -> ScriptedResponse
    {
        ScriptedResponse(
            status: status, headers: [("content-type", "application/json")] + headers, body: Array(text.utf8))
    }

    /// A response with a plain-text body.
    public static func text(_ text: String, status: Int = 200, headers: [(name: String, value: String)] = [])
        -> ScriptedResponse
    {
        ScriptedResponse(status: status, headers: [("content-type", "text/plain")] + headers, body: Array(text.utf8))
    }

    /// Close the connection without answering, after `delay`.
    public static func closeConnection(after delay: Duration = .zero) -> ScriptedResponse {
        ScriptedResponse(delay: delay, ending: .closeWithoutAnswer)
    }

    /// Never answer within any sensible test timeout (the connection closes when the server shuts down).
    public static let neverAnswer = ScriptedResponse(delay: .seconds(3600), ending: .closeWithoutAnswer)

    /// The same response, sent after `delay`.
    public func delayed(by delay: Duration) -> ScriptedResponse {
        var copy = self
        copy.delay = delay
        return copy
    }
}

/// A small HTTP/1.1 server on `127.0.0.1` and a random port, answering as a test scripts it.
///
/// For what a real server cannot produce on demand: error shapes, a 503, a paused database, a slow or
/// missing answer, a connection closed mid-response. It records every request for assertions.
///
/// ```swift
/// try await ScriptedHTTPServer.withServer(responses: [.json(#"{"ok":1}"#), .closeConnection()]) { server in
///     // send requests to server.baseURL ...
///     #expect(server.requests.map(\.method) == ["POST", "POST"])
/// }
/// ```
///
/// Requests are answered in order on each connection (keep-alive is honoured). When a script queue runs
/// out the server answers 599 with a body that says so, so a test that sends too many requests fails clearly.
public final class ScriptedHTTPServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    private let state: Mutex<State>
    private let serverTask: Mutex<Task<Void, Never>?> = Mutex(nil)
    private let handler: (@Sendable (RecordedRequest) async -> ScriptedResponse)?

    private struct State {
        var requests: [RecordedRequest] = []
        var queue: [ScriptedResponse] = []
        var connections = 0
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// How many connections have been accepted so far.
    public var connectionCount: Int { state.withLock { $0.connections } }

    /// Starts a server that asks `handler` for each answer.
    public static func start(handler: @escaping @Sendable (RecordedRequest) async -> ScriptedResponse) async throws
        -> ScriptedHTTPServer
    {
        try await start(queue: [], handler: handler)
    }

    /// Starts a server that answers with `responses`, one per request, in order (see ``enqueue(_:)``).
    public static func start(responses: [ScriptedResponse]) async throws -> ScriptedHTTPServer {
        try await start(queue: responses, handler: nil)
    }

    /// Runs `body` with a started server and shuts the server down afterwards, also when `body` throws.
    public static func withServer<Result: Sendable>(
        responses: [ScriptedResponse] = [],
        handler: (@Sendable (RecordedRequest) async -> ScriptedResponse)? = nil,
        _ body: (ScriptedHTTPServer) async throws -> Result
    ) async throws -> Result {
        let server = try await start(queue: responses, handler: handler)
        do {
            let result = try await body(server)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// Adds responses to the end of the queue (queue-driven servers only).
    public func enqueue(_ responses: ScriptedResponse...) {
        state.withLock { $0.queue.append(contentsOf: responses) }
    }

    /// Stops listening and closes every open connection, including ones waiting in a delay.
    public func shutdown() async {
        let task = serverTask.withLock { $0 }
        task?.cancel()
        await task?.value
    }

    private init(port: Int, queue: [ScriptedResponse], handler: (@Sendable (RecordedRequest) async -> ScriptedResponse)?) {
        self.port = port
        self.state = Mutex(State(queue: queue))
        self.handler = handler
    }

    /// The scripted answer: from the handler, else the next queued response.
    private func answer(_ request: RecordedRequest) async -> ScriptedResponse {
        if let handler { return await handler(request) }
        return state.withLock { state in
            state.queue.isEmpty
                ? .text("ScriptedHTTPServer: no scripted response left for this request", status: 599)
                : state.queue.removeFirst()
        }
    }

    private typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    private static func start(
        queue: [ScriptedResponse], handler: (@Sendable (RecordedRequest) async -> ScriptedResponse)?
    ) async throws -> ScriptedHTTPServer {
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        guard let port = listener.channel.localAddress?.port else {
            try? await listener.channel.close()
            throw ScriptedHTTPServerError(message: "the listening socket has no port")
        }
        let server = ScriptedHTTPServer(port: port, queue: queue, handler: handler)
        let task = Task<Void, Never> {
            // Cancelling the task closes the listener, which ends the accept loop, and cancels the
            // connection tasks, which close their connections.
            await withDiscardingTaskGroup { group in
                try? await withTaskCancellationHandler {
                    try await listener.executeThenClose { inbound in
                        for try await connection in inbound {
                            let number = server.state.withLock { state in
                                defer { state.connections += 1 }
                                return state.connections
                            }
                            group.addTask { await server.serve(connection, number: number) }
                        }
                    }
                } onCancel: {
                    listener.channel.close(promise: nil)
                }
            }
        }
        server.serverTask.withLock { $0 = task }
        return server
    }

    /// Reads requests from one connection and answers each as scripted.
    private func serve(_ connection: Connection, number: Int) async {
        try? await withTaskCancellationHandler {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body: [UInt8] = []
                for try await part in inbound {
                    switch part {
                    case .head(let requestHead):
                        head = requestHead
                        body = []
                    case .body(let buffer):
                        body.append(contentsOf: buffer.readableBytesView)
                    case .end:
                        guard let requestHead = head else { continue }
                        let request = RecordedRequest(
                            method: requestHead.method.rawValue,
                            uri: requestHead.uri,
                            headers: requestHead.headers.map { (name: $0.name, value: $0.value) },
                            body: body,
                            connectionNumber: number
                        )
                        state.withLock { $0.requests.append(request) }
                        let response = await answer(request)
                        if response.delay > .zero { try await Task.sleep(for: response.delay) }
                        guard try await Self.write(response, to: outbound) else { return }
                        if !requestHead.isKeepAlive { return }
                    }
                }
            }
        } onCancel: {
            connection.channel.close(promise: nil)
        }
    }

    /// Writes `response`; returns false when the connection must close afterwards.
    private static func write(
        _ response: ScriptedResponse, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws -> Bool {
        if response.ending == .closeWithoutAnswer { return false }
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        if !headers.contains(name: "content-length") && !headers.contains(name: "transfer-encoding") {
            headers.add(name: "content-length", value: String(response.body.count))
        }
        let status = HTTPResponseStatus(statusCode: response.status)
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
        let sentBody = response.ending == .closeMidBody ? Array(response.body.prefix(response.body.count / 2)) : response.body
        if !sentBody.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: sentBody)))) }
        if response.ending == .closeMidBody { return false }
        try await outbound.write(.end(nil))
        return true
    }
}

/// The scripted server could not start.
public struct ScriptedHTTPServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { "ScriptedHTTPServer: \(message)" }
}
