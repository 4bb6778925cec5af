import AuroraAWS
import Testing

@Suite("Region and endpoint resolution")
struct RegionAndEndpointTests {
    static let arn = "arn:aws:rds:ap-south-1:123456789012:cluster:name"
    static let config = FileReader.inMemory([
        "/h/.aws/config": "[default]\nregion = eu-west-3\n[profile dev]\nregion = eu-north-1\n[profile both]\nregion = a-1\n",
        "/h/.aws/credentials": "[both]\nregion = b-2\n[credsonly]\nregion = c-3\n",
    ])

    func region(explicit: String? = nil, _ environment: [String: String], profile: String? = nil, arn: String? = arn)
        throws -> String
    {
        try RegionResolver.resolve(
            explicit: explicit, environment: environment, profile: profile, fileReader: Self.config, resourceArn: arn)
    }

    @Test("precedence: option, AWS_REGION, AWS_DEFAULT_REGION, profile, ARN")
    func regionPrecedence() throws {
        let everything = ["AWS_REGION": "us-west-1", "AWS_DEFAULT_REGION": "us-west-2", "HOME": "/h"]
        #expect(try region(explicit: "ca-central-1", everything) == "ca-central-1")
        #expect(try region(everything) == "us-west-1")
        #expect(try region(["AWS_DEFAULT_REGION": "us-west-2", "HOME": "/h", "AWS_REGION": ""]) == "us-west-2")
        #expect(try region(["HOME": "/h"]) == "eu-west-3")
        #expect(try region(["HOME": "/h", "AWS_PROFILE": "dev"]) == "eu-north-1")
        #expect(try region(["HOME": "/h", "AWS_PROFILE": "dev"], profile: "default") == "eu-west-3")
        #expect(try region(["HOME": "/h", "AWS_PROFILE": "nosuch"]) == "ap-south-1")
        // As in botocore, the credentials file's region counts and overrides the config file's.
        #expect(try region(["HOME": "/h"], profile: "both") == "b-2")
        #expect(try region(["HOME": "/h"], profile: "credsonly") == "c-3")
        #expect(try region([:]) == "ap-south-1")
    }

    @Test("no region anywhere: the error names every place looked at")
    func regionMissing() throws {
        #expect {
            try region(["HOME": "/h", "AWS_PROFILE": "nosuch"], arn: "my-cluster")
        } throws: { error in
            guard let error = error as? AWSConfigurationError else { return false }
            return error.code == .regionNotFound
                && ["region option", "AWS_REGION", "AWS_DEFAULT_REGION", "profile \"nosuch\" in /h/.aws/credentials and /h/.aws/config",
                    "resource ARN my-cluster"].allSatisfy(error.message.contains)
        }
    }

    @Test("malformed regions are rejected", arguments: ["US-EAST-1", "us east 1", "evil.com/x", "-x"])
    func badRegion(value: String) {
        #expect(throws: AWSConfigurationError.self) { try region(explicit: value, [:]) }
    }

    @Test("the region field of an ARN")
    func arnRegion() {
        #expect(RegionResolver.arnRegion(Self.arn) == "ap-south-1")
        #expect(RegionResolver.arnRegion("arn:aws:secretsmanager:us-east-1:1:secret:a:b:c") == "us-east-1")
        #expect(RegionResolver.arnRegion("cluster-name") == nil)
        #expect(RegionResolver.arnRegion("arn:aws:rds::1:cluster:x") == "")
    }

    @Test("endpoint precedence: option, AWS_ENDPOINT_URL_RDS_DATA, AWS_ENDPOINT_URL, default")
    func endpointPrecedence() throws {
        let environment = [
            "AWS_ENDPOINT_URL_RDS_DATA": "http://127.0.0.1:8080", "AWS_ENDPOINT_URL": "https://proxy.example/base/",
        ]
        #expect(
            try EndpointResolver.resolve(explicit: "http://localhost:9000", environment: environment, region: "x").url
                == "http://localhost:9000")
        #expect(
            try EndpointResolver.resolve(explicit: nil, environment: environment, region: "x").url
                == "http://127.0.0.1:8080")
        #expect(
            try EndpointResolver.resolve(
                explicit: nil, environment: ["AWS_ENDPOINT_URL": "https://proxy.example/base/"], region: "x"
            ).url(path: "/Execute") == "https://proxy.example/base/Execute")
        #expect(
            try EndpointResolver.resolve(explicit: nil, environment: [:], region: "us-east-1").url
                == "https://rds-data.us-east-1.amazonaws.com")
        #expect(
            try EndpointResolver.resolve(explicit: nil, environment: [:], region: "cn-north-1").url
                == "https://rds-data.cn-north-1.amazonaws.com.cn")
        let ignored = environment.merging(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]) { $1 }
        #expect(
            try EndpointResolver.resolve(explicit: nil, environment: ignored, region: "eu-west-1").hostHeader
                == "rds-data.eu-west-1.amazonaws.com")
    }

    @Test("endpoint parts and Host header")
    func endpointParts() throws {
        let local = try ServiceEndpoint(parsing: "HTTP://127.0.0.1:8080/", source: "test")
        #expect(local == ServiceEndpoint(scheme: "http", host: "127.0.0.1", port: 8080))
        #expect(local.hostHeader == "127.0.0.1:8080")
        #expect(try ServiceEndpoint(parsing: "https://h.example:443", source: "t").hostHeader == "h.example")
        let ipv6 = try ServiceEndpoint(parsing: "http://[::1]:9/p", source: "t")
        #expect(ipv6.host == "[::1]" && ipv6.port == 9 && ipv6.basePath == "/p")
    }

    @Test(
        "malformed endpoints name their source and show an example",
        arguments: [
            "rds-data.us-east-1.amazonaws.com", "ftp://x", "http://", "http://host:0", "http://host:70000",
            "http://host:x", "http://user@host", "http://host/?q=1", "http://[::1", "http://ho st", "http://h√st",
        ])
    func badEndpoint(value: String) {
        #expect {
            try EndpointResolver.resolve(explicit: nil, environment: ["AWS_ENDPOINT_URL_RDS_DATA": value], region: "x")
        } throws: { error in
            guard let error = error as? AWSConfigurationError else { return false }
            return error.code == .invalidEndpoint && error.message.hasPrefix("AWS_ENDPOINT_URL_RDS_DATA is \"\(value)\"")
                && error.message.contains("http://127.0.0.1:8080")
        }
    }
}
