import AuroraAWS
import AuroraSigV4
import Foundation
import Testing

@Suite("credential_process")
struct CredentialProcessTests {
    /// Runs the provider for a profile whose credential_process is `command`, with HOME in `directory`.
    func credentials(
        command: String, directory: borrowing TemporaryDirectory, timeout: Duration = .seconds(20)
    ) async throws -> AWSCredentials {
        try directory.write(".aws/config", "[default]\ncredential_process = \(command)\n")
        return try await ProfileCredentialProvider(
            environment: ["HOME": directory.path, "PATH": "/usr/bin:/bin", "EXTRA": "from-environment"],
            processTimeout: timeout
        ).credentials(logger: silentLogger)
    }

    @Test("a good process: JSON with session token and expiration; the environment is passed on")
    func good() async throws {
        let directory = try TemporaryDirectory()
        let script = try directory.write(
            "good.sh",
            """
            #!/bin/sh
            echo "starting" >&2
            cat <<JSON
            {"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "SECRETPROC",
             "SessionToken": "TOKEN-$EXTRA-$1", "Expiration": "2026-11-23T18:11:11Z"}
            JSON
            """)
        let credentials = try await credentials(command: "sh \(script) arg1", directory: directory)
        #expect(credentials.accessKeyId == "AKIDPROC")
        #expect(credentials.secretAccessKey == "SECRETPROC")
        #expect(credentials.sessionToken == "TOKEN-from-environment-arg1")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_795_457_471))
    }

    @Test("fractional seconds and long-lived keys without expiration")
    func fractionalAndNoExpiration() async throws {
        let directory = try TemporaryDirectory()
        let fractional = try await credentials(
            command: #"echo '{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"2026-11-23T18:11:11.250Z"}'"#,
            directory: directory)
        #expect(fractional.expiration == Date(timeIntervalSince1970: 1_795_457_471.25))
        let longLived = try await credentials(
            command: #"echo '{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S"}'"#, directory: directory)
        #expect(longLived.expiration == nil && longLived.sessionToken == nil)
    }

    @Test("a failing process: exit status and the tail of stderr, never stdout")
    func failing() async throws {
        let directory = try TemporaryDirectory()
        let script = try directory.write(
            "fail.sh",
            """
            #!/bin/sh
            echo '{"AccessKeyId":"AKID","SecretAccessKey":"LEAKED-SECRET"}'
            echo "token expired, run aws sso login" >&2
            exit 3
            """)
        let error = await configurationError { try await credentials(command: "sh \(script)", directory: directory) }
        #expect(error?.code == .credentialSourceFailed)
        #expect(
            error?.message.contains("exited with status 3: token expired, run aws sso login") == true,
            "\(String(describing: error))")
        #expect(error?.message.contains("LEAKED-SECRET") == false)
    }

    @Test(
        "bad output is a clear error that does not quote the output",
        arguments: [
            ("echo 'not json SECRETX'", "did not return a JSON credentials object"),
            (#"echo '{"Version":2,"AccessKeyId":"A","SecretAccessKey":"SECRETX"}'"#, "Version 2"),
            (#"echo '{"Version":1,"AccessKeyId":"A"}'"#, "no AccessKeyId or no SecretAccessKey"),
            (#"echo '{"Version":1,"AccessKeyId":"A","SecretAccessKey":"SECRETX","Expiration":"tomorrow"}'"#, "\"tomorrow\""),
            ("true", "did not return a JSON credentials object"),
        ])
    func badOutput(command: String, expected: String) async throws {
        let directory = try TemporaryDirectory()
        let error = await configurationError { try await credentials(command: command, directory: directory) }
        #expect(error?.code == .credentialSourceFailed)
        #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
        #expect(error?.message.contains("SECRETX") == false)
    }

    @Test("a missing command fails with the shell's message; a hung process is stopped")
    func missingAndHung() async throws {
        let directory = try TemporaryDirectory()
        let missing = await configurationError {
            try await credentials(command: "/nonexistent/tool --x", directory: directory)
        }
        #expect(missing?.code == .credentialSourceFailed)
        #expect(missing?.message.contains("status 127") == true)
        #expect(missing?.message.contains("/nonexistent/tool") == true)

        let started = ContinuousClock.now
        let hung = await configurationError {
            try await credentials(command: "sleep 30", directory: directory, timeout: .milliseconds(300))
        }
        #expect(hung?.message.contains("did not finish within") == true)
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("the process inherits no descriptors besides stdin, stdout and stderr")
    func noLeakedDescriptors() async throws {
        let directory = try TemporaryDirectory()
        let leaked = open("/dev/null", O_RDONLY)  // without O_CLOEXEC, like NIO's sockets
        defer { close(leaked) }
        let script = try directory.write(
            "fds.sh",
            """
            state=clean
            [ -e /proc/self/fd/\(leaked) ] && state=leaked
            echo "{\\"Version\\":1,\\"AccessKeyId\\":\\"A\\",\\"SecretAccessKey\\":\\"S\\",\\"SessionToken\\":\\"$state\\"}"
            """)
        #expect(try await credentials(command: "sh \(script)", directory: directory).sessionToken == "clean")
    }

    @Test("a timeout stops the command's children too")
    func timeoutKillsGroup() async throws {
        let directory = try TemporaryDirectory()
        let pidFile = directory.path + "/child.pid"
        let script = try directory.write("spawn.sh", "sleep 30 &\necho $! > \(pidFile)\nwait\n")
        let error = await configurationError {
            try await credentials(command: "sh \(script)", directory: directory, timeout: .milliseconds(300))
        }
        #expect(error?.message.contains("did not finish within") == true)
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var gone = false
        for _ in 0..<100 where !gone {
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
            gone = stat == nil || stat?.contains(") Z ") == true
            if !gone { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(gone)
    }

    @Test("output up to the 64 KiB limit is read completely, from both streams")
    func largeOutput() async throws {
        let directory = try TemporaryDirectory()
        let token = String(repeating: "t", count: 30_000)
        let script = try directory.write(
            "big.sh",
            "#!/bin/sh\nhead -c 30000 /dev/zero | tr '\\0' 'e' >&2\n"
                + "printf '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\",\"SessionToken\":\"%s\"}' \(token)\n")
        let credentials = try await credentials(command: "sh \(script)", directory: directory)
        #expect(credentials.sessionToken?.count == 30_000)
    }

    @Test("output past 64 KiB fails at once, naming the limit, and the command is killed")
    func endlessOutput() async throws {
        let directory = try TemporaryDirectory()
        let pidFile = directory.path + "/writer.pid"
        let script = try directory.write("endless.sh", "echo $$ > \(pidFile)\nexec yes\n")
        let started = ContinuousClock.now
        let error = await configurationError {
            try await credentials(command: "sh \(script)", directory: directory, timeout: .seconds(20))
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(error?.message.contains("wrote more than 65536 bytes") == true, "\(String(describing: error))")
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        #expect(stat == nil || stat?.contains(") Z ") == true)
    }
}
