import AuroraAWS
import AuroraDataAPI
import AuroraDataAPIModel
import AuroraSigV4
import AuroraTestSupport
import Foundation
import Synchronization

/// Values shared by the client tests.
enum Fixture {
    static let resourceArn = "arn:aws:rds:us-east-1:123456789012:cluster:test-cluster"
    static let secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:test-secret-AbCdEf"
    static let credentials = AWSCredentials(
        accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let sessionCredentials = AWSCredentials(
        accessKeyId: "ASIAEXAMPLE", secretAccessKey: "secretSECRETsecret", sessionToken: "session-token-value")
    /// 2026-11-23 18:11:11 UTC.
    static let date = Date(timeIntervalSince1970: 1_795_457_471)
}

/// A clock whose `sleep` only moves its time forward, and that records the waits.
final class FakeClock: Sendable {
    private let state: Mutex<(now: Date, sleeps: [Duration])>

    init(start: Date = Fixture.date) {
        state = Mutex((start, []))
    }

    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    var clock: DataAPIClock {
        DataAPIClock(
            now: { self.state.withLock { $0.now } },
            sleep: { duration in
                try Task.checkCancellation()
                self.state.withLock { state in
                    state.now += Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
                    state.sleeps.append(duration)
                }
            })
    }
}

extension DataAPIClient {
    /// A client for `server` with fixed credentials, deterministic jitter and a fake clock.
    static func forTesting(
        endpoint: String, credentials: AWSCredentials = Fixture.credentials, database: String? = "app",
        requestTimeout: Duration = .seconds(10), retryPolicy: RetryPolicy = .testing, clock: DataAPIClock = FakeClock().clock,
        transport: any HTTPTransport = AsyncHTTPClientTransport()
    ) -> DataAPIClient {
        DataAPIClient(
            configuration: Configuration(
                resourceArn: Fixture.resourceArn, secretArn: Fixture.secretArn, database: database, region: "us-east-1",
                endpoint: endpoint, requestTimeout: requestTimeout, retryPolicy: retryPolicy),
            credentialProvider: StaticCredentialProvider(credentials), transport: transport, clock: clock)
    }
}

extension RetryPolicy {
    /// The default policy with the jitter fixed at its midpoint.
    static var testing: RetryPolicy { RetryPolicy(random: { 0.5 }) }
}

/// JSON text with keys sorted and no whitespace, so bodies compare as text.
func canonicalJSON(_ bytes: [UInt8]) throws -> String {
    let object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self)
}

func canonicalJSON(_ text: String) throws -> String {
    try canonicalJSON(Array(text.utf8))
}

/// Scripted Data API error answers.
extension ScriptedResponse {
    static func dataAPIError(_ code: String, status: Int = 400, message: String = "scripted error") -> ScriptedResponse {
        .json(#"{"message":"\#(message)"}"#, status: status, headers: [("x-amzn-ErrorType", code), ("x-amzn-RequestId", "req-\(code)")])
    }

    static let executeOK = ScriptedResponse.json(#"{"numberOfRecordsUpdated":1,"generatedFields":[]}"#)
}
