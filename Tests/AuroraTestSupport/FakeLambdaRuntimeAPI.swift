import Foundation
import Synchronization

/// A stand-in for the Lambda Runtime API on 127.0.0.1: hands out queued events on `GET next` (holding the
/// request until one is queued, as Lambda does) and records what the runtime posts back. Used by the Lambda
/// tests and the Lambda benchmark, which drive the real `bootstrap` with it.
public final class FakeLambdaRuntimeAPI: Sendable {
    public struct Event: Sendable {
        public var requestId: String
        public var body: String
        public var deadlineMilliseconds: Int64
        public var traceId: String?
    }

    /// What the runtime posted for one event.
    public struct Outcome: Sendable {
        /// `response` or `error`.
        public var kind: String
        public var body: String
        /// `Lambda-Runtime-Function-Error-Type`, for errors.
        public var errorType: String?
        /// When the post arrived.
        public var receivedAt: ContinuousClock.Instant
        /// The body as a JSON object (empty when it is not one).
        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
        }
    }

    private struct State {
        var queue: [Event] = []
        var waitingForNext: [CheckedContinuation<Event?, Never>] = []
        var outcomes: [String: Outcome] = [:]
        var waitingForOutcome: [String: CheckedContinuation<Outcome, Never>] = [:]
        var initError: Outcome?
        var nextCalls = 0
        var firstNextAt: ContinuousClock.Instant?
        var closed = false
    }

    private final class Box: Sendable {
        let state = Mutex(State())
    }

    private let box: Box
    public let server: ScriptedHTTPServer

    /// `host:port`, the value of `AWS_LAMBDA_RUNTIME_API`.
    public var address: String { "127.0.0.1:\(server.port)" }

    public static func start() async throws -> FakeLambdaRuntimeAPI {
        let box = Box()
        let server = try await ScriptedHTTPServer.start { request in await FakeLambdaRuntimeAPI.answer(request, box: box) }
        return FakeLambdaRuntimeAPI(box: box, server: server)
    }

    private init(box: Box, server: ScriptedHTTPServer) {
        self.box = box
        self.server = server
    }

    /// Stops the server; a runtime waiting in `GET next` loses its connection.
    public func shutdown() async {
        let waiters = box.state.withLock { state in
            state.closed = true
            defer { state.waitingForNext = [] }
            return state.waitingForNext
        }
        for waiter in waiters { waiter.resume(returning: nil) }
        await server.shutdown()
    }

    public var nextCalls: Int { box.state.withLock { $0.nextCalls } }
    /// When the first `GET next` arrived (the end of the runtime's initialisation).
    public var firstNextAt: ContinuousClock.Instant? { box.state.withLock { $0.firstNextAt } }
    public var initError: Outcome? { box.state.withLock { $0.initError } }

    /// Queues `body` as an event, to be handed out on the next `GET next`; returns its request id.
    @discardableResult
    public func enqueue(_ body: String, deadlineIn: Duration = .seconds(120), traceId: String? = nil) -> String {
        let requestId = UUID().uuidString.lowercased()
        let deadline = Int64(Date().timeIntervalSince1970 * 1000) + deadlineIn.components.seconds * 1000
            + deadlineIn.components.attoseconds / 1_000_000_000_000_000
        let event = Event(requestId: requestId, body: body, deadlineMilliseconds: deadline, traceId: traceId)
        let waiter = box.state.withLock { state -> CheckedContinuation<Event?, Never>? in
            if state.waitingForNext.isEmpty {
                state.queue.append(event)
                return nil
            }
            return state.waitingForNext.removeFirst()
        }
        waiter?.resume(returning: event)
        return requestId
    }

    /// Waits for the runtime's answer to `requestId`.
    public func outcome(of requestId: String, timeout: Duration = .seconds(120)) async throws -> Outcome {
        try await withThrowingTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let ready = self.box.state.withLock { state -> Outcome? in
                        if let outcome = state.outcomes[requestId] { return outcome }
                        state.waitingForOutcome[requestId] = continuation
                        return nil
                    }
                    if let ready { continuation.resume(returning: ready) }
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let outcome = first else {
                // Release the waiting continuation so the group can finish.
                let waiter = box.state.withLock { $0.waitingForOutcome.removeValue(forKey: requestId) }
                waiter?.resume(returning: Outcome(kind: "timeout", body: "", receivedAt: .now))
                throw FakeLambdaRuntimeAPIError(message: "no answer to event \(requestId) within \(timeout)")
            }
            return outcome
        }
    }

    /// Queues `body` as an event and waits for the runtime's answer.
    public func invoke(_ body: String, deadlineIn: Duration = .seconds(120), traceId: String? = nil, timeout: Duration = .seconds(120)) async throws -> Outcome {
        try await outcome(of: enqueue(body, deadlineIn: deadlineIn, traceId: traceId), timeout: timeout)
    }

    /// Waits until the runtime posted an init error.
    public func waitForInitError(timeout: Duration = .seconds(30)) async throws -> Outcome {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < timeout {
            if let outcome = initError { return outcome }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw FakeLambdaRuntimeAPIError(message: "no init error within \(timeout)")
    }

    private static func answer(_ request: RecordedRequest, box: Box) async -> ScriptedResponse {
        let path = request.uri
        if request.method == "GET" && path == "/2018-06-01/runtime/invocation/next" {
            box.state.withLock { state in
                state.nextCalls += 1
                if state.firstNextAt == nil { state.firstNextAt = .now }
            }
            let event: Event? = await withCheckedContinuation { continuation in
                let ready = box.state.withLock { state -> Event?? in
                    if state.closed { return .some(nil) }
                    if !state.queue.isEmpty { return .some(state.queue.removeFirst()) }
                    state.waitingForNext.append(continuation)
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
            guard let event else { return .closeConnection() }
            var headers = [
                ("Lambda-Runtime-Aws-Request-Id", event.requestId),
                ("Lambda-Runtime-Deadline-Ms", String(event.deadlineMilliseconds)),
                ("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:test"),
                ("Content-Type", "application/json"),
            ]
            if let traceId = event.traceId { headers.append(("Lambda-Runtime-Trace-Id", traceId)) }
            return ScriptedResponse(status: 200, headers: headers, body: Array(event.body.utf8))
        }
        let outcome = Outcome(
            kind: path.hasSuffix("/response") ? "response" : "error", body: request.bodyText,
            errorType: request.header("Lambda-Runtime-Function-Error-Type"), receivedAt: .now)
        if request.method == "POST" && path == "/2018-06-01/runtime/init/error" {
            box.state.withLock { $0.initError = outcome }
            return ScriptedResponse(status: 202)
        }
        let parts = path.split(separator: "/")
        if request.method == "POST", parts.count == 5, parts[2] == "invocation", parts[4] == "response" || parts[4] == "error" {
            let requestId = String(parts[3])
            let waiter = box.state.withLock { state in
                state.outcomes[requestId] = outcome
                return state.waitingForOutcome.removeValue(forKey: requestId)
            }
            waiter?.resume(returning: outcome)
            return ScriptedResponse(status: 202)
        }
        return .text("unknown Runtime API call \(request.method) \(path)", status: 404)
    }
}

public struct FakeLambdaRuntimeAPIError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
