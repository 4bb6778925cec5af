import AuroraAWS
@testable import AuroraLambdaRuntime
import AuroraTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// The runtime loop in-process, against the fake Runtime API over real HTTP.
@Suite("Lambda runtime loop")
struct LambdaRuntimeTests {
    struct Echo: LambdaHandler {
        func handle(_ event: [UInt8], context: LambdaContext) async throws -> [UInt8] {
            if event == Array("fail".utf8) { throw LambdaError(errorType: "Function.Refused", errorMessage: "told to fail") }
            if event == Array("plain".utf8) { throw CancellationError() }
            context.logger.info("echo")
            return Array(#"{"echo":"\#(String(decoding: event, as: UTF8.self))","remaining":\#(context.remainingTime() > .seconds(50))}"#.utf8)
        }
    }

    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        var output: LambdaLogOutput { LambdaLogOutput { line in self.lines.withLock { $0.append(line) } } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test("answers each event through /response, reports a thrown error through /error and goes on")
    func loop() async throws {
        let api = try await FakeLambdaRuntimeAPI.start()
        let lines = Lines()
        let traceIds = Mutex<[String?]>([])
        let runtime = LambdaRuntime(
            environment: ["AWS_LAMBDA_RUNTIME_API": api.address, "AWS_LAMBDA_LOG_FORMAT": "JSON"],
            transport: AsyncHTTPClientTransport(), logOutput: lines.output,
            setTraceId: { id in traceIds.withLock { $0.append(id) } })
        let loop = Task { await runtime.run { _ in Echo() } }
        let first = try await api.invoke("hello", deadlineIn: .seconds(60), traceId: "Root=1-abc")
        #expect(first.kind == "response")
        #expect(first.json["echo"] as? String == "hello")
        #expect(first.json["remaining"] as? Bool == true)
        let failed = try await api.invoke("fail")
        #expect(failed.kind == "error")
        #expect(failed.errorType == "Function.Refused")
        #expect(failed.json["errorType"] as? String == "Function.Refused")
        #expect(failed.json["errorMessage"] as? String == "told to fail")
        #expect(failed.json["stackTrace"] as? [Any] != nil)
        let plain = try await api.invoke("plain")
        #expect(plain.kind == "error")
        #expect(plain.errorType == "Function.CancellationError")
        let again = try await api.invoke("again")
        #expect(again.json["echo"] as? String == "again")
        #expect(traceIds.withLock { $0 } == ["Root=1-abc", nil, nil, nil])
        // JSON logs: one object a line, with the request id.
        let echoLines = lines.all.filter { $0.contains(#""message":"echo""#) }
        #expect(echoLines.count == 2)
        for line in lines.all {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] != nil && object?["timestamp"] != nil, "\(line)")
        }
        #expect(echoLines.allSatisfy { $0.contains(#""requestId":""#) })
        // Losing the Runtime API ends the loop with a non-zero status.
        await api.shutdown()
        let status = await loop.value
        #expect(status == 1)
    }

    @Test("an initialisation error goes to /runtime/init/error and the runtime returns 1")
    func initError() async throws {
        let api = try await FakeLambdaRuntimeAPI.start()
        defer { Task { await api.shutdown() } }
        let runtime = LambdaRuntime(environment: ["AWS_LAMBDA_RUNTIME_API": api.address], transport: AsyncHTTPClientTransport(), logOutput: Lines().output)
        let status = await runtime.run { _ in throw LambdaError.missingVariable("AURORA_RESOURCE_ARN", what: "the cluster ARN") }
        #expect(status == 1)
        let report = try #require(api.initError)
        #expect(report.errorType == "Runtime.MissingConfiguration")
        #expect((report.json["errorMessage"] as? String)?.contains("AURORA_RESOURCE_ARN") == true)
        #expect(api.nextCalls == 0)
    }

    @Test("without AWS_LAMBDA_RUNTIME_API the runtime says what it is and returns 1")
    func noRuntimeAPI() async {
        let lines = Lines()
        let runtime = LambdaRuntime(environment: [:], transport: AsyncHTTPClientTransport(), logOutput: lines.output)
        let status = await runtime.run { _ in Echo() }
        #expect(status == 1)
        #expect(lines.all.joined().contains("AWS_LAMBDA_RUNTIME_API is not set"))
    }

    @Test("log level and format come from AWS_LAMBDA_LOG_LEVEL and AWS_LAMBDA_LOG_FORMAT")
    func logConfiguration() {
        let json = LambdaLogHandler.configured(label: "t", environment: ["AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": "WARN"])
        #expect(json.format == .json)
        #expect(json.logLevel == .warning)
        let text = LambdaLogHandler.configured(label: "t", environment: ["LOG_LEVEL": "debug"])
        #expect(text.format == .text)
        #expect(text.logLevel == .debug)
        #expect(LambdaLogHandler.configured(label: "t", environment: [:]).logLevel == .info)
    }
}
