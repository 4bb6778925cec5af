import AuroraAWS
import AuroraSigV4
import AuroraTestSupport
import Foundation
import Testing

@Suite("Default credential chain")
struct CredentialChainTests {
    let transport = AsyncHTTPClientTransport()
    static let environmentKeys = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "SECRETENV"]
    static let files = FileReader.inMemory([
        "/h/.aws/credentials": "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = SECRETFILE\n"
            + "[other]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = SECRETOTHER\n"
    ])

    /// The chain with IMDS pointed at `imds` (a closed port unless given) so nothing leaves the machine.
    func chain(_ environment: [String: String], profile: String? = nil, imds: String? = nil) throws
        -> DefaultCredentialChain
    {
        let metadata = try imds ?? "http://127.0.0.1:\(closedLocalPort())"
        return DefaultCredentialChain(
            environment: environment.merging(["AWS_EC2_METADATA_SERVICE_ENDPOINT": metadata]) { old, _ in old },
            profile: profile, transport: transport, fileReader: Self.files)
    }

    @Test("order: environment, shared files, container, instance metadata")
    func order() async throws {
        try await ScriptedHTTPServer.withServer(handler: ContainerAndInstanceMetadataTests.imdsHandler()) { imds in
            try await ScriptedHTTPServer.withServer(handler: { _ in .json(ContainerAndInstanceMetadataTests.document) }) {
                container in
                let containerVariables = ["AWS_CONTAINER_CREDENTIALS_FULL_URI": container.baseURL + "/c"]
                let home = ["HOME": "/h"]
                let all = Self.environmentKeys.merging(home) { $1 }.merging(containerVariables) { $1 }
                let noEnvironment = home.merging(containerVariables) { $1 }
                var keys: [String] = []
                for environment in [all, noEnvironment, containerVariables, [:]] {
                    keys.append(try await chain(environment, imds: imds.baseURL).credentials(logger: silentLogger).accessKeyId)
                }
                #expect(keys == ["AKIDENV", "AKIDFILE", "AKIDC", "AKIDI"])
                #expect(container.requests.count == 1)
                #expect(imds.requests.count == 3)
            }
        }
    }

    @Test("an explicit profile skips the environment; AWS_PROFILE does not")
    func explicitProfile() async throws {
        let environment = Self.environmentKeys.merging(["HOME": "/h", "AWS_PROFILE": "other"]) { $1 }
        #expect(try await chain(environment).credentials(logger: silentLogger).accessKeyId == "AKIDENV")
        #expect(
            try await chain(environment, profile: "other").credentials(logger: silentLogger).accessKeyId == "AKIDOTHER")
    }

    @Test("a configured but broken step stops the chain")
    func brokenStepStops() async throws {
        let error = await configurationError {
            try await chain(["AWS_ACCESS_KEY_ID": "AKID", "HOME": "/h"]).credentials(logger: silentLogger)
        }
        #expect(error?.code == .invalidCredentials)
        let webIdentity = await configurationError {
            try await chain(["AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token", "AWS_ROLE_ARN": "arn:aws:iam::1:role/r"])
                .credentials(logger: silentLogger)
        }
        // Web identity is configured, so a token file that cannot be read stops the chain (no fall-through to IMDS).
        #expect(webIdentity?.code == .invalidProfile)
        #expect(webIdentity?.message.contains("/var/run/token (AWS_WEB_IDENTITY_TOKEN_FILE) cannot be read") == true)
        let missingProfile = await configurationError {
            try await chain(["AWS_PROFILE": "typo", "HOME": "/h"]).credentials(logger: silentLogger)
        }
        #expect(missingProfile?.code == .invalidProfile)
    }

    @Test("nothing found: one error listing every step, quickly")
    func nothingFound() async throws {
        let started = ContinuousClock.now
        let error = await configurationError { try await chain(["HOME": "/nowhere"]).credentials(logger: silentLogger) }
        #expect(ContinuousClock.now - started < .seconds(30))  // a hang guard, not a speed test
        #expect(error?.code == .credentialsNotFound)
        let message = error?.message ?? ""
        for part in [
            "(1) AWS_ACCESS_KEY_ID", "(2) Profile \"default\" was not found in /nowhere/.aws/credentials",
            "(3) AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "(4) Instance metadata at http://127.0.0.1:", "aws configure",
        ] {
            #expect(message.contains(part), "\(message)")
        }
    }

    @Test("the chain caches: a second call does not ask the container endpoint again")
    func caches() async throws {
        try await ScriptedHTTPServer.withServer(handler: { _ in
            .json(#"{"AccessKeyId":"A","SecretAccessKey":"S","Token":"T","Expiration":"2099-01-01T00:00:00Z"}"#)
        }) { server in
            let chain = try chain(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/c"])
            _ = try await chain.credentials(logger: silentLogger)
            _ = try await chain.credentials(logger: silentLogger)
            #expect(server.requests.count == 1)
            await chain.invalidate()
            _ = try await chain.credentials(logger: silentLogger)
            #expect(server.requests.count == 2)
        }
    }
}

@Suite("Credential caching")
struct CachingCredentialProviderTests {
    @Test("temporary credentials are refreshed 5 minutes before they expire")
    func refreshBeforeExpiry() async throws {
        let clock = ManualClock()
        let source = CountingProvider(clock: clock, lifetime: 3600)
        let cache = CachingCredentialProvider(wrapping: source, now: clock.closure)
        #expect(try await cache.credentials(logger: silentLogger).accessKeyId == "AKID1")
        clock.advance(by: 3600 - 301)
        #expect(try await cache.credentials(logger: silentLogger).accessKeyId == "AKID1")
        clock.advance(by: 1)
        #expect(try await cache.credentials(logger: silentLogger).accessKeyId == "AKID2")
        #expect(source.callCount == 2)
    }

    @Test("credentials without expiration are fetched once")
    func longLived() async throws {
        let clock = ManualClock()
        let source = CountingProvider(clock: clock, lifetime: nil)
        let cache = CachingCredentialProvider(wrapping: source, now: clock.closure)
        for _ in 0..<3 {
            clock.advance(by: 86_400 * 365)
            #expect(try await cache.credentials(logger: silentLogger).accessKeyId == "AKID1")
        }
        #expect(source.callCount == 1)
    }

    @Test("concurrent callers share one refresh")
    func sharedRefresh() async throws {
        let clock = ManualClock()
        let source = CountingProvider(clock: clock, lifetime: 3600, delay: .milliseconds(200))
        let cache = CachingCredentialProvider(wrapping: source, now: clock.closure)
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await cache.credentials(logger: silentLogger).accessKeyId } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(keys == ["AKID1"])
        #expect(source.callCount == 1)
    }

    @Test("a failed refresh keeps unexpired credentials and fails once they have expired")
    func failedRefresh() async throws {
        let clock = ManualClock()
        let source = CountingProvider(clock: clock, lifetime: 3600)
        let cache = CachingCredentialProvider(wrapping: source, now: clock.closure)
        _ = try await cache.credentials(logger: silentLogger)
        source.fail(true)
        clock.advance(by: 3500)
        #expect(try await cache.credentials(logger: silentLogger).accessKeyId == "AKID1")
        clock.advance(by: 100)
        let error = await configurationError { try await cache.credentials(logger: silentLogger) }
        #expect(error?.message == "scripted failure 3")
        source.fail(false)
        #expect(try await cache.credentials(logger: silentLogger).accessKeyId == "AKID4")
    }
}
