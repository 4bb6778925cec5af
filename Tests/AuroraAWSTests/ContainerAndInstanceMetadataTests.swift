import AuroraAWS
import AuroraSigV4
import AuroraTestSupport
import Foundation
import Testing

@Suite("Container and instance metadata credentials")
struct ContainerAndInstanceMetadataTests {
    let transport = AsyncHTTPClientTransport()
    static let document = #"{"AccessKeyId":"AKIDC","SecretAccessKey":"SECRETC","Token":"TOKENC","Expiration":"2026-11-23T18:11:11Z"}"#

    @Test("full URI with the token from the environment")
    func containerFullURI() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.json(Self.document)]) { server in
            let credentials = try await ContainerCredentialProvider(
                environment: [
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/v2/credentials/abc",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer xyz",
                ],
                transport: transport
            ).credentials(logger: silentLogger)
            #expect(credentials.accessKeyId == "AKIDC")
            #expect(credentials.sessionToken == "TOKENC")
            #expect(credentials.expiration == Date(timeIntervalSince1970: 1_795_457_471))
            let request = try #require(server.requests.first)
            #expect(request.method == "GET")
            #expect(request.uri == "/v2/credentials/abc")
            #expect(request.header("Authorization") == "Bearer xyz")
        }
    }

    @Test("the token file wins over the token variable; a 5xx is retried once")
    func containerTokenFileAndRetry() async throws {
        let directory = try TemporaryDirectory()
        let tokenFile = try directory.write("token", "file-token\n")
        try await ScriptedHTTPServer.withServer(responses: [.text("busy", status: 503), .json(Self.document)]) {
            server in
            let credentials = try await ContainerCredentialProvider(
                environment: [
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/creds",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": "env-token",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
                ],
                transport: transport
            ).credentials(logger: silentLogger)
            #expect(credentials.accessKeyId == "AKIDC")
            #expect(server.requests.map { $0.header("authorization") } == ["file-token", "file-token"])
        }
    }

    @Test("errors: 403, missing token file, http to a non-loopback host, unreachable endpoint, not configured")
    func containerErrors() async throws {
        try await ScriptedHTTPServer.withServer(responses: [.text("denied", status: 403)]) { server in
            let error = await configurationError {
                try await ContainerCredentialProvider(
                    environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/c"], transport: transport
                ).credentials(logger: silentLogger)
            }
            #expect(error?.code == .credentialSourceFailed)
            #expect(error?.message.contains("HTTP 403") == true)
        }
        let missingFile = await configurationError {
            try await ContainerCredentialProvider(
                environment: [
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:1/c",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/nonexistent/token",
                ],
                transport: transport
            ).credentials(logger: silentLogger)
        }
        #expect(missingFile?.message.contains("/nonexistent/token") == true)
        let remote = await configurationError {
            try await ContainerCredentialProvider(
                environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/creds"], transport: transport
            ).credentials(logger: silentLogger)
        }
        #expect(remote?.code == .credentialSourceFailed)
        #expect(remote?.message.contains("only loopback") == true)
        let port = try closedLocalPort()
        let unreachable = await configurationError {
            try await ContainerCredentialProvider(
                environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:\(port)/c"],
                transport: transport, timeout: .milliseconds(500)
            ).credentials(logger: silentLogger)
        }
        #expect(unreachable?.code == .credentialSourceFailed)
        #expect(unreachable?.message.contains("did not answer") == true)
        let unset = await configurationError {
            try await ContainerCredentialProvider(environment: [:], transport: transport).credentials(logger: silentLogger)
        }
        #expect(unset?.code == .credentialsNotFound)
    }

    @Test("relative URI goes to the ECS agent address")
    func relativeURI() async throws {
        let recorder = RecordingTransport(response: HTTPResponse(status: 200, body: Array(Self.document.utf8)))
        _ = try await ContainerCredentialProvider(
            environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/id"], transport: recorder
        ).credentials(logger: silentLogger)
        #expect(recorder.urls == ["http://169.254.170.2/v2/credentials/id"])
    }

    /// Scripts an IMDSv2 server: token, role list, role credentials; checks the token on the GETs.
    static func imdsHandler(role: String = "my-role") -> @Sendable (RecordedRequest) async -> ScriptedResponse {
        { request in
            switch (request.method, request.uri) {
            case ("PUT", "/latest/api/token"):
                guard request.header("X-aws-ec2-metadata-token-ttl-seconds") == "21600" else {
                    return .text("missing ttl", status: 400)
                }
                return .text("session-token-1")
            case ("GET", _) where request.header("X-aws-ec2-metadata-token") != "session-token-1":
                return .text("unauthorized", status: 401)
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return .text(role + "\n")
            case ("GET", "/latest/meta-data/iam/security-credentials/" + role):
                return .json(
                    #"{"Code":"Success","LastUpdated":"2026-11-23T12:00:00Z","Type":"AWS-HMAC","AccessKeyId":"AKIDI","#
                        + #""SecretAccessKey":"SECRETI","Token":"TOKENI","Expiration":"2026-11-23T18:11:11Z"}"#)
            default:
                return .text("not found", status: 404)
            }
        }
    }

    @Test("IMDSv2: PUT for a token, then GET the role and its credentials with the token")
    func instanceMetadata() async throws {
        try await ScriptedHTTPServer.withServer(handler: Self.imdsHandler()) { server in
            let credentials = try await InstanceMetadataCredentialProvider(
                environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL + "/"], transport: transport
            ).credentials(logger: silentLogger)
            #expect(credentials.accessKeyId == "AKIDI")
            #expect(credentials.secretAccessKey == "SECRETI")
            #expect(credentials.sessionToken == "TOKENI")
            #expect(credentials.expiration == Date(timeIntervalSince1970: 1_795_457_471))
            #expect(
                server.requests.map { "\($0.method) \($0.uri)" } == [
                    "PUT /latest/api/token",
                    "GET /latest/meta-data/iam/security-credentials/",
                    "GET /latest/meta-data/iam/security-credentials/my-role",
                ])
        }
    }

    @Test("IMDS: disabled, no server, no role, failing credentials, not-success code")
    func instanceMetadataFailures() async throws {
        let disabled = await configurationError {
            try await InstanceMetadataCredentialProvider(
                environment: ["AWS_EC2_METADATA_DISABLED": "TRUE"], transport: transport
            ).credentials(logger: silentLogger)
        }
        #expect(disabled?.code == .credentialsNotFound)

        let port = try closedLocalPort()
        let started = ContinuousClock.now
        let absent = await configurationError {
            try await InstanceMetadataCredentialProvider(
                environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:\(port)"], transport: transport
            ).credentials(logger: silentLogger)
        }
        #expect(absent?.code == .credentialsNotFound)
        #expect(ContinuousClock.now - started < .seconds(30))  // a hang guard, not a speed test

        try await ScriptedHTTPServer.withServer(responses: [.text("t"), .text("", status: 404)]) { server in
            let noRole = await configurationError {
                try await InstanceMetadataCredentialProvider(
                    environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL], transport: transport
                ).credentials(logger: silentLogger)
            }
            #expect(noRole?.code == .credentialsNotFound)
            #expect(noRole?.message.contains("no IAM role") == true)
        }
        try await ScriptedHTTPServer.withServer(
            responses: [.text("t"), .text("r"), .json(#"{"Code":"Failure","Message":"x"}"#)]
        ) { server in
            let failure = await configurationError {
                try await InstanceMetadataCredentialProvider(
                    environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL], transport: transport
                ).credentials(logger: silentLogger)
            }
            #expect(failure?.code == .credentialSourceFailed)
            #expect(failure?.message.contains("Code \"Failure\"") == true)
        }
    }

    @Test("IMDS endpoint: default, IPv6 mode")
    func instanceMetadataEndpoints() async throws {
        let recorder = RecordingTransport(response: HTTPResponse(status: 403))
        for environment in [[:], ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6"]] {
            _ = await configurationError {
                try await InstanceMetadataCredentialProvider(environment: environment, transport: recorder)
                    .credentials(logger: silentLogger)
            }
        }
        #expect(
            recorder.urls == [
                "http://169.254.169.254/latest/api/token", "http://[fd00:ec2::254]/latest/api/token",
            ])
    }
}
