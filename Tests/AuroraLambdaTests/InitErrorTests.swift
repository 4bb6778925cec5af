import AuroraBuildInfo
import AuroraDatabaseDrivers
import AuroraTestSupport
import Foundation
import Testing

/// Start-up failures of the real `bootstrap`: reported through `/runtime/init/error`, then a non-zero exit.
@Suite("bootstrap start-up", .serialized)
struct InitErrorTests {
    @Test("an unknown handler is an init error naming the valid ones")
    func unknownHandler() async throws {
        let lambda = try await LambdaFixture.start(.postgresql, handler: "get_posts")
        let report = try await lambda.runtimeAPI.waitForInitError()
        #expect(report.errorType == "Runtime.InvalidHandler")
        #expect((report.json["errorMessage"] as? String)?.contains("migrate, posts") == true, "\(report.body)")
        #expect(try await lambda.process.waitForExit() != 0)
        #expect(lambda.runtimeAPI.nextCalls == 0)
        await lambda.stop()
    }

    @Test("a missing variable is an init error naming it", arguments: ["AURORA_RESOURCE_ARN", "AURORA_SECRET_ARN", "AURORA_DATABASE"])
    func missingVariable(variable: String) async throws {
        let lambda = try await LambdaFixture.start(.postgresql, handler: "posts", removing: [variable])
        let report = try await lambda.runtimeAPI.waitForInitError()
        #expect(report.errorType == "Runtime.MissingConfiguration")
        #expect((report.json["errorMessage"] as? String)?.contains(variable) == true)
        #expect(try await lambda.process.waitForExit() != 0)
        await lambda.stop()
    }

    @Test("migrate without its scripts is an init error naming the folder")
    func missingScripts() async throws {
        let lambda = try await LambdaFixture.start(.postgresql, handler: "migrate", extra: ["AURORA_SCHEMA_DIR": "/nonexistent/schema"])
        let report = try await lambda.runtimeAPI.waitForInitError()
        #expect(report.errorType == "Runtime.InvalidSchema")
        #expect((report.json["errorMessage"] as? String)?.contains("/nonexistent/schema") == true)
        await lambda.stop()
    }

    @Test("the start-up log names the version and the commit")
    func startupLogNamesVersion() async throws {
        let lambda = try await LambdaFixture.start(.postgresql, handler: "posts")
        let start = ContinuousClock.now
        while lambda.runtimeAPI.nextCalls == 0 && ContinuousClock.now - start < .seconds(20) { try await Task.sleep(for: .milliseconds(10)) }
        #expect(lambda.process.log.contains("aurora-data bootstrap \(AuroraBuildInfo.version) (commit "), "\(lambda.process.log)")
        #expect(lambda.process.log.contains("handler=posts"), "\(lambda.process.log)")
        await lambda.stop()
    }

    @Test("a Runtime API that goes away ends the process with a non-zero status")
    func runtimeAPIGone() async throws {
        let lambda = try await LambdaFixture.start(.postgresql, handler: "posts")
        let start = ContinuousClock.now
        while lambda.runtimeAPI.nextCalls == 0 && ContinuousClock.now - start < .seconds(20) { try await Task.sleep(for: .milliseconds(10)) }
        #expect(lambda.runtimeAPI.nextCalls == 1)
        await lambda.runtimeAPI.shutdown()
        #expect(try await lambda.process.waitForExit() == 1)
        #expect(lambda.process.log.contains("lost the connection to the Lambda Runtime API"))
        await lambda.stop()
    }

    @Test("JSON logs: one object a line with the request id, and no credentials")
    func jsonLogs() async throws {
        let lambda = try await LambdaFixture.start(
            .postgresql, handler: "posts",
            extra: ["AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": "TRACE", "AWS_SESSION_TOKEN": LambdaFixture.sessionToken])
        _ = try await lambda.runtimeAPI.invoke(PostsFunctionTests.event(.v2, "GET", "/posts/1"))
        let lines = lambda.process.log.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] != nil, "\(line)")
        }
        #expect(lines.contains { $0.contains("\"requestId\"") })
        let log = lambda.process.log
        #expect(!log.contains(LambdaFixture.sessionToken))
        #expect(!log.contains("local-data-api-secret-key"))
        #expect(!log.contains("Signature="))
        await lambda.stop()
    }
}
