// Lambda figures on this machine, medians:
//   - init: process start to the first `GET next` on a fake Runtime API;
//   - first response: process start to the first `posts` response (one Data API call to the local endpoint);
//   - the runtime loop's own overhead per warm invocation (in-process, in-memory Runtime API, no-op handler);
//   - a warm invocation end to end over loopback (404 route, no database; and GET /posts/{id}, one Data API call);
//   - the packaged binary's and zip's size.
//
//   bash scripts/package-lambda.sh && swift run -c release lambda-benchmark [--bootstrap PATH] [--runs N]
import AuroraAWS
import AuroraDataAPI
import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import AuroraLambdaRuntime
import AuroraMigrate
import AuroraSigV4
import AuroraTestSupport
import Foundation
import Synchronization

func median(_ values: [Duration]) -> Duration {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

func milliseconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    return String(format: "%.2f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
}

func microseconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    return String(format: "%.1f µs", Double(seconds) * 1e6 + Double(attoseconds) / 1e12)
}

var arguments = CommandLine.arguments.dropFirst()
var bootstrapPath = ".build/lambda/asset/bootstrap"
var runs = 30
while let argument = arguments.popFirst() {
    switch argument {
    case "--bootstrap": bootstrapPath = arguments.popFirst() ?? bootstrapPath
    case "--runs": runs = Int(arguments.popFirst() ?? "") ?? runs
    default: print("usage: lambda-benchmark [--bootstrap PATH] [--runs N]"); exit(64)
    }
}
let bootstrap = URL(fileURLWithPath: bootstrapPath)
guard FileManager.default.isExecutableFile(atPath: bootstrap.path) else {
    print("no executable \(bootstrap.path): run `bash scripts/package-lambda.sh` first (or pass --bootstrap)")
    exit(1)
}
let size = (try? FileManager.default.attributesOfItem(atPath: bootstrap.path)[.size] as? Int) ?? 0
let zip = bootstrap.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("aurora-data-lambda.zip")
let zipSize = (try? FileManager.default.attributesOfItem(atPath: zip.path)[.size] as? Int) ?? 0
print("bootstrap: \(bootstrap.path), \(String(format: "%.1f", Double(size) / 1e6)) MB; zip \(String(format: "%.1f", Double(zipSize) / 1e6)) MB")

// The posts function's world: the local endpoint on PostgreSQL with the schema applied.
let endpoint = try await LocalEndpointFixture.shared(.postgresql)
let database = try await endpoint.makeDatabase("bench")
let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scripts/schema").path
_ = try await Migrator(
    database: endpoint.client(database: database), scripts: try MigrationScripts.load(directory: schema),
    options: .init(appliedBy: "benchmark")
).migrate()

func environment(_ api: FakeLambdaRuntimeAPI) -> [String: String] {
    [
        "AWS_LAMBDA_RUNTIME_API": api.address, "_HANDLER": "posts", "AURORA_RESOURCE_ARN": endpoint.resourceArn,
        "AURORA_SECRET_ARN": endpoint.secretArn, "AURORA_DATABASE": database, "AURORA_ENGINE": "postgresql",
        "AWS_ENDPOINT_URL_RDS_DATA": endpoint.url, "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": endpoint.credentials.accessKeyId,
        "AWS_SECRET_ACCESS_KEY": endpoint.credentials.secretAccessKey, "AWS_EC2_METADATA_DISABLED": "true",
    ]
}

func event(_ path: String) -> String {
    #"{"version":"2.0","routeKey":"GET \#(path)","rawPath":"\#(path)","headers":{},"requestContext":{"requestId":"b","stage":"$default","http":{"method":"GET","path":"\#(path)"}},"isBase64Encoded":false}"#
}

// Cold starts: each run a fresh process with one GET /posts/1 waiting for it.
var initTimes: [Duration] = []
var firstResponses: [Duration] = []
for _ in 0..<runs {
    let api = try await FakeLambdaRuntimeAPI.start()
    let requestId = api.enqueue(event("/posts/1"))
    let process = try BootstrapProcess(executable: bootstrap, environment: environment(api))
    let outcome = try await api.outcome(of: requestId, timeout: .seconds(30))
    guard outcome.kind == "response", outcome.json["statusCode"] as? Int == 200, let firstNext = api.firstNextAt else {
        print("unexpected first answer: \(outcome.kind) \(outcome.body)\n\(process.log)")
        exit(1)
    }
    initTimes.append(firstNext - process.startedAt)
    firstResponses.append(outcome.receivedAt - process.startedAt)
    await process.stop()
    await api.shutdown()
}
print("init (process start to first GET next), median of \(runs): \(milliseconds(median(initTimes)))")
print("first posts response (process start to /response, one Data API call), median of \(runs): \(milliseconds(median(firstResponses)))")

// Warm invocations over loopback.
let api = try await FakeLambdaRuntimeAPI.start()
let process = try BootstrapProcess(executable: bootstrap, environment: environment(api))
for (label, path, count) in [("404 route, no database", "/nothing", 2000), ("GET /posts/{id}, one Data API call", "/posts/1", 500)] {
    var times: [Duration] = []
    for _ in 0..<count {
        let started = ContinuousClock.now
        let outcome = try await api.invoke(event(path))
        times.append(outcome.receivedAt - started)
    }
    print("warm invocation over loopback (\(label)), median of \(count): \(microseconds(median(times)))")
}
await process.stop()
await api.shutdown()

// The loop's own overhead: the runtime against an in-memory Runtime API with a handler that does nothing.
final class InMemoryRuntimeAPI: HTTPTransport {
    let remaining: Mutex<Int>
    init(events: Int) { remaining = Mutex(events) }
    let event = Array(#"{"ping":1}"#.utf8)
    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        if request.method == "POST" { return HTTPResponse(status: 202) }
        let left = remaining.withLock { value -> Int in
            value -= 1
            return value
        }
        if left < 0 { throw TransportError(phase: .beforeSending, message: "done") }
        return HTTPResponse(
            status: 200,
            headers: [("Lambda-Runtime-Aws-Request-Id", "r-\(left)"), ("Lambda-Runtime-Deadline-Ms", "9999999999999"),
                      ("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:bench")],
            body: event)
    }
}
struct NoOp: LambdaHandler {
    func handle(_ event: [UInt8], context: LambdaContext) async throws -> [UInt8] { event }
}
var overheads: [Duration] = []
let invocations = 20_000
for _ in 0..<9 {
    let transport = InMemoryRuntimeAPI(events: invocations)
    let runtime = LambdaRuntime(
        environment: ["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9", "AWS_LAMBDA_LOG_LEVEL": "ERROR"], transport: transport,
        logOutput: LambdaLogOutput { _ in }, setTraceId: { _ in })
    let started = ContinuousClock.now
    _ = await runtime.run { _ in NoOp() }
    overheads.append((ContinuousClock.now - started) / invocations)
}
print("runtime loop overhead per warm invocation (in-memory Runtime API, no-op handler), median of 9 × \(invocations): \(microseconds(median(overheads)))")
exit(0)
