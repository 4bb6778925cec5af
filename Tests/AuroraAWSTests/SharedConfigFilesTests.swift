import AuroraAWS
import Testing

@Suite("Shared config and credentials files")
struct SharedConfigFilesTests {
    let environment = ["HOME": "/home/u"]

    @Test("config uses [profile name] and [default]; credentials uses [name]")
    func sectionNaming() throws {
        let files = try SharedConfigFiles.load(
            environment: environment,
            fileReader: .inMemory([
                "/home/u/.aws/config": """
                [default]
                region = eu-west-1
                [profile dev]
                region=us-east-2
                [dev]
                region = ignored-bare-section
                [sso-session corp]
                sso_region = us-east-1
                """,
                "/home/u/.aws/credentials": """
                [dev]
                aws_access_key_id = AKIDDEV
                [profile dev]
                aws_access_key_id = literal-name
                """,
            ]))
        #expect(files.configProfiles["default"]?["region"] == "eu-west-1")
        #expect(files.configProfiles["dev"]?["region"] == "us-east-2")
        #expect(files.configProfiles["corp"] == nil)
        #expect(files.configProfiles.count == 2)
        #expect(files.credentialProfiles["dev"]?["aws_access_key_id"] == "AKIDDEV")
        #expect(files.credentialProfiles["profile dev"]?["aws_access_key_id"] == "literal-name")
        #expect(files.settings(forProfile: "dev") == ["region": "us-east-2", "aws_access_key_id": "AKIDDEV"])
        #expect(files.settings(forProfile: "missing") == nil)
    }

    @Test("comments, white space, key case, CRLF and sub-properties")
    func syntax() throws {
        let text =
            "# leading comment\r\n; another\r\n  [ default ]  \r\n"
            + "AWS_Access_Key_ID   =   AKID  # inline comment\r\n"
            + "aws_secret_access_key=se#cret;x ; trailing\r\n"
            + "s3 =\r\n  max_concurrent_requests = 10\r\n\tsignature_version = s3v4\r\n"
            + "region = us-west-2\r\n\r\n"
        let files = try SharedConfigFiles.load(
            environment: environment, fileReader: .inMemory(["/home/u/.aws/credentials": text]))
        #expect(
            files.credentialProfiles["default"] == [
                "aws_access_key_id": "AKID", "aws_secret_access_key": "se#cret;x", "region": "us-west-2",
            ])
    }

    @Test("repeated sections merge, later keys win")
    func repeatedSections() throws {
        let files = try SharedConfigFiles.load(
            environment: environment,
            fileReader: .inMemory([
                "/home/u/.aws/config": "[profile a]\nregion = r1\noutput = json\n[profile a]\nregion = r2\n"
            ]))
        #expect(files.configProfiles["a"] == ["region": "r2", "output": "json"])
    }

    @Test("file locations follow AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE and HOME")
    func locations() throws {
        let files = try SharedConfigFiles.load(
            environment: ["HOME": "/h", "AWS_CONFIG_FILE": "~/conf", "AWS_SHARED_CREDENTIALS_FILE": "/abs/creds"],
            fileReader: .inMemory(["/h/conf": "[default]\nregion = a\n", "/abs/creds": "[default]\nx = 1\n"]))
        #expect(files.configPath == "/h/conf")
        #expect(files.credentialsPath == "/abs/creds")
        #expect(files.configProfiles["default"] == ["region": "a"])
        #expect(files.credentialProfiles["default"] == ["x": "1"])

        let homeless = try SharedConfigFiles.load(environment: [:], fileReader: .inMemory([:]))
        #expect(homeless.configPath == nil && homeless.credentialsPath == nil)
        #expect(homeless.configProfiles.isEmpty && homeless.credentialProfiles.isEmpty)
    }

    @Test(
        "malformed files give the path and line number",
        arguments: [
            ("[default]\nregion us-east-1\n", "line 2", "expected 'key = value'"),
            ("region = x\n", "line 1", "before any [section]"),
            ("[default\nregion = x\n", "line 1", "closing ']'"),
            ("[default]\n = x\n", "line 2", "no key"),
            ("[ ]\n", "line 1", "no name"),
        ])
    func malformed(text: String, line: String, problem: String) async throws {
        let error = await configurationError {
            try SharedConfigFiles.load(environment: environment, fileReader: .inMemory(["/home/u/.aws/config": text]))
        }
        #expect(error?.code == .invalidProfile)
        #expect(error?.message.contains("/home/u/.aws/config, \(line)") == true)
        #expect(error?.message.contains(problem) == true)
    }

    @Test("the live reader reads real files and treats missing ones as absent")
    func liveReader() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".aws/credentials", "[default]\naws_access_key_id = AKIDFILE\n")
        let files = try SharedConfigFiles.load(environment: ["HOME": directory.path])
        #expect(files.credentialProfiles["default"]?["aws_access_key_id"] == "AKIDFILE")
        #expect(files.configProfiles.isEmpty)
    }

    @Test("the live reader refuses a file over 1 MiB, naming the limit")
    func liveReaderLimit() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".aws/config", "[default]\nregion = eu-west-1\n# " + String(repeating: "x", count: 1 << 20) + "\n")
        var refused: AWSConfigurationError?
        do {
            _ = try SharedConfigFiles.load(environment: ["HOME": directory.path])
        } catch let error as AWSConfigurationError {
            refused = error
        }
        #expect(refused?.message.contains("larger than 1048576 bytes") == true, "\(String(describing: refused))")
    }

    @Test("profile name: explicit, then AWS_PROFILE, then default")
    func profileName() {
        #expect(SharedConfigFiles.profileName(explicit: "x", environment: ["AWS_PROFILE": "y"]) == "x")
        #expect(SharedConfigFiles.profileName(explicit: nil, environment: ["AWS_PROFILE": "y"]) == "y")
        #expect(SharedConfigFiles.profileName(explicit: nil, environment: ["AWS_PROFILE": ""]) == "default")
        #expect(SharedConfigFiles.profileName(explicit: nil, environment: [:]) == "default")
    }
}
