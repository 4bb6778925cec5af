import AuroraAWS
import AuroraDatabaseServers
import AuroraDatabaseTestSupport
import AuroraDataLocal
import AuroraDataLocalTestSupport
import Testing

/// Cluster and secret ARNs ending in `*` answer ARNs generated elsewhere (a deployment's random suffixes).
@Suite("Local endpoint ARN patterns")
struct ARNPatternTests {
    @Test("exact ARNs win, then the longest matching pattern; other ARNs are unknown")
    func lookup() async throws {
        let database = try await DatabaseServers.server(.postgresql)
        let general = LocalEndpointConfiguration.Cluster(backend: database.backend, defaultDatabase: "general")
        let specific = LocalEndpointConfiguration.Cluster(backend: database.backend, defaultDatabase: "specific")
        let exact = LocalEndpointConfiguration.Cluster(backend: database.backend, defaultDatabase: "exact")
        let configuration = LocalEndpointConfiguration(
            clusters: [
                "arn:aws:rds:us-east-1:000000000000:cluster:*": general,
                "arn:aws:rds:us-east-1:000000000000:cluster:blog-*": specific,
                "arn:aws:rds:us-east-1:000000000000:cluster:blog-main": exact,
            ],
            secrets: ["arn:aws:secretsmanager:us-east-1:000000000000:secret:*": database.address.credentials])
        #expect(configuration.cluster(for: "arn:aws:rds:us-east-1:000000000000:cluster:auroradata-clustereb0386a7-949592801d525")?.defaultDatabase == "general")
        #expect(configuration.cluster(for: "arn:aws:rds:us-east-1:000000000000:cluster:blog-x1")?.defaultDatabase == "specific")
        #expect(configuration.cluster(for: "arn:aws:rds:us-east-1:000000000000:cluster:blog-main")?.defaultDatabase == "exact")
        #expect(configuration.cluster(for: "arn:aws:rds:eu-west-1:000000000000:cluster:blog-main") == nil)
        #expect(configuration.credentials(forSecret: "arn:aws:secretsmanager:us-east-1:000000000000:secret:AuroraData-Secret-1a2b3c4d5e6f7-AbCdEf") != nil)
        #expect(configuration.credentials(forSecret: "arn:aws:secretsmanager:us-east-1:111111111111:secret:x") == nil)
    }

    @Test("a request for a generated ARN is served through a pattern")
    func served() async throws {
        let fixture = try await LocalEndpointFixture.shared(.postgresql)
        var configuration = fixture.configuration()
        configuration.clusters = ["arn:aws:rds:us-east-1:000000000000:cluster:*": configuration.clusters.values.first!]
        configuration.secrets = ["arn:aws:secretsmanager:us-east-1:000000000000:secret:*": configuration.secrets.values.first!]
        let server = LocalDataAPIServer(configuration: configuration)
        let port = try await server.start()
        let answer = try await fixture.send(
            "/Execute",
            body: #"{"resourceArn":"arn:aws:rds:us-east-1:000000000000:cluster:generated-7f3a","secretArn":"arn:aws:secretsmanager:us-east-1:000000000000:secret:Generated-AbCdEf","sql":"SELECT 41 + 1 AS answer"}"#,
            to: "http://127.0.0.1:\(port)")
        await server.stop()
        #expect(answer.status == 200)
        #expect(String(decoding: answer.body, as: UTF8.self).contains(#"{"longValue":42}"#))
    }
}
