import AuroraDataAPI
import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import AuroraMigrate
import AuroraSigV4
import AuroraTestSupport
import Foundation
import Testing

/// The real `bootstrap` with `_HANDLER=migrate`, driven by a fake Runtime API and a fake pre-signed response URL,
/// against `aurora-data-local` on PostgreSQL and MariaDB.
@Suite("migrate function: Custom::SchemaMigration", .serialized)
struct SchemaMigrationFunctionTests {
    static let stackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/blog/1134083a-2608-1e91-9897-022501a2c456"

    /// A CloudFormation event. The ResponseURL is percent-encoded like S3's pre-signed URLs.
    static func event(
        _ type: String, url: String?, hash: String?, oldHash: String? = nil, physicalId: String? = nil,
        requestId: String = UUID().uuidString.lowercased()
    ) -> String {
        var object: [String: Any] = [
            "RequestType": type, "StackId": stackId, "RequestId": requestId, "LogicalResourceId": "Migration",
            "ResourceType": "Custom::SchemaMigration",
            "ResourceProperties": ["ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:migrate", "ServiceTimeout": "900"]
                .merging(hash.map { ["ScriptsHash": $0] } ?? [:]) { _, new in new },
        ]
        if let url { object["ResponseURL"] = url }
        if let oldHash { object["OldResourceProperties"] = ["ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:migrate", "ScriptsHash": oldHash] }
        if let physicalId { object["PhysicalResourceId"] = physicalId }
        let data = try! JSONSerialization.data(withJSONObject: object)
        return String(decoding: data, as: UTF8.self)
    }

    static let signedPath = "/bucket/arn%3Aaws%3Acloudformation%3Aus-east-1%3A123456789012%3Astack/blog/guid%7CMigration%7Cabc?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=ab%2Bcd%3D&X-Amz-Expires=7200"

    static func hash(_ directory: String) throws -> String { try MigrationScripts.load(directory: directory).hash }

    static func put(_ request: RecordedRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    }

    @Test("Create, duplicate, Update, rollback Update, mismatches, Delete, bad events: one PUT each, the database as expected", arguments: [DatabaseEngine.postgresql, .mysql])
    func lifecycle(engine: DatabaseEngine) async throws {
        let lambda = try await LambdaFixture.start(engine, handler: "migrate")
        let hash = try Self.hash(LambdaFixture.schemaDirectory)
        let latest = try MigrationScripts.load(directory: LambdaFixture.schemaDirectory).latestVersion
        let cfn = try await ScriptedHTTPServer.start(handler: { _ in ScriptedResponse(status: 200) })
        do {
            let url = cfn.baseURL + Self.signedPath
            // Create applies every version.
            let create = try await lambda.runtimeAPI.invoke(Self.event("Create", url: url, hash: hash))
            #expect(create.kind == "response", "\(create.body)\n\(lambda.process.log)")
            #expect(cfn.requests.count == 1)
            let request = try #require(cfn.requests.first)
            #expect(request.method == "PUT")
            #expect(request.uri == Self.signedPath)
            #expect(request.header("content-type") == "")
            #expect(request.header("content-length") == String(request.body.count))
            var body = try Self.put(request)
            #expect(Set(body.keys) == ["Status", "Reason", "PhysicalResourceId", "StackId", "RequestId", "LogicalResourceId", "NoEcho", "Data"])
            #expect(body["Status"] as? String == "SUCCESS", "\(body)")
            #expect(body["StackId"] as? String == Self.stackId)
            #expect(body["LogicalResourceId"] as? String == "Migration")
            let physicalId = try #require(body["PhysicalResourceId"] as? String)
            #expect(physicalId == "blog:Migration:\(lambda.database)")
            #expect(body["Data"] as? [String: String] == ["AppliedVersion": "\(latest)", "ScriptsHash": hash, "BundledVersion": "\(latest)"])
            #expect(try await lambda.tables().contains("posts"))
            let posts = try await lambda.client.execute("SELECT count(*) FROM posts").records?.first?.first
            #expect(posts == .long(2))

            // The same event again (Lambda may deliver twice): harmless, nothing re-applied.
            let requestId = "duplicate-request"
            for _ in 0..<2 {
                _ = try await lambda.runtimeAPI.invoke(Self.event("Update", url: url, hash: hash, oldHash: hash, physicalId: physicalId, requestId: requestId))
                body = try Self.put(try #require(cfn.requests.last))
                #expect(body["Status"] as? String == "SUCCESS")
                #expect(body["PhysicalResourceId"] as? String == physicalId)
                #expect((body["Reason"] as? String)?.contains("Nothing to apply") == true, "\(body)")
            }
            #expect(try await lambda.client.execute("SELECT count(*) FROM posts").records?.first?.first == .long(2))
            #expect(cfn.requests.count == 3)

            // CloudFormation rolling back an Update: the new (old) hash is not ours but the previous one is.
            _ = try await lambda.runtimeAPI.invoke(Self.event("Update", url: url, hash: "0ld", oldHash: hash, physicalId: physicalId))
            body = try Self.put(try #require(cfn.requests.last))
            #expect(body["Status"] as? String == "SUCCESS")
            #expect((body["Data"] as? [String: String])?["AppliedVersion"] == "\(latest)")

            // Any other mismatch, and a Create of a stale asset: FAILED saying so.
            _ = try await lambda.runtimeAPI.invoke(Self.event("Update", url: url, hash: "aaa", oldHash: "bbb", physicalId: physicalId))
            body = try Self.put(try #require(cfn.requests.last))
            #expect(body["Status"] as? String == "FAILED")
            #expect((body["Reason"] as? String)?.contains("different builds") == true)
            #expect(body["PhysicalResourceId"] as? String == physicalId)
            _ = try await lambda.runtimeAPI.invoke(Self.event("Create", url: url, hash: "stale"))
            body = try Self.put(try #require(cfn.requests.last))
            #expect(body["Status"] as? String == "FAILED")
            #expect((body["Reason"] as? String)?.contains("stale asset") == true)

            // Unknown RequestType and a missing ScriptsHash: FAILED, one PUT each.
            _ = try await lambda.runtimeAPI.invoke(Self.event("Upgrade", url: url, hash: hash))
            body = try Self.put(try #require(cfn.requests.last))
            #expect(body["Status"] as? String == "FAILED")
            #expect((body["Reason"] as? String)?.contains("Unknown RequestType 'Upgrade'") == true)
            _ = try await lambda.runtimeAPI.invoke(Self.event("Create", url: url, hash: nil))
            body = try Self.put(try #require(cfn.requests.last))
            #expect((body["Reason"] as? String)?.contains("no ScriptsHash") == true)
            #expect(cfn.requests.count == 8)

            // Events nothing can be done with: no PUT, answered through /response, and the loop goes on.
            let malformed = try await lambda.runtimeAPI.invoke("{not json")
            #expect(malformed.kind == "response")
            #expect((malformed.json["error"] as? [String: Any])?["type"] as? String == "InvalidEvent")
            let noURL = try await lambda.runtimeAPI.invoke(Self.event("Create", url: nil, hash: hash))
            #expect(noURL.kind == "response")
            #expect(((noURL.json["error"] as? [String: Any])?["message"] as? String)?.contains("no usable ResponseURL") == true)
            #expect(cfn.requests.count == 8)

            // Delete: SUCCESS, the schema stays.
            _ = try await lambda.runtimeAPI.invoke(Self.event("Delete", url: url, hash: hash, physicalId: physicalId))
            body = try Self.put(try #require(cfn.requests.last))
            #expect(body["Status"] as? String == "SUCCESS")
            #expect(body["PhysicalResourceId"] as? String == physicalId)
            #expect(try await lambda.tables().contains("posts"))
            #expect(cfn.requests.count == 9)

            // Direct invoke: status, and reset refused without AURORA_ALLOW_RESET.
            let status = try await lambda.runtimeAPI.invoke(#"{"command":"status"}"#)
            #expect(status.kind == "response")
            #expect(status.json["scriptsHash"] as? String == hash)
            let reset = try await lambda.runtimeAPI.invoke(#"{"command":"reset"}"#)
            #expect(reset.kind == "error")
            #expect(reset.errorType == "Function.ResetRefused")
            #expect(try await lambda.tables().contains("posts"))

            // The logs carry no secrets.
            let log = lambda.process.log
            #expect(!log.contains(lambda.endpoint.credentials.secretAccessKey))
            #expect(!log.contains("ab%2Bcd"))
            #expect(log.contains("custom resource response delivered"))
        } catch {
            Issue.record("\(error)\n\(lambda.process.log)")
        }
        await cfn.shutdown()
        await lambda.stop()
    }

    @Test("the response PUT is retried after connection errors and 5xx, not after a 403", arguments: [DatabaseEngine.postgresql])
    func putRetries(engine: DatabaseEngine) async throws {
        let lambda = try await LambdaFixture.start(engine, handler: "migrate")
        let hash = try Self.hash(LambdaFixture.schemaDirectory)
        let cfn = try await ScriptedHTTPServer.start(responses: [
            .closeConnection(), ScriptedResponse(status: 503), ScriptedResponse(status: 200), ScriptedResponse(status: 403),
        ])
        do {
            let url = cfn.baseURL + Self.signedPath
            let first = try await lambda.runtimeAPI.invoke(Self.event("Create", url: url, hash: hash))
            #expect(first.kind == "response")
            #expect(first.json["Delivered"] as? Bool == true, "\(first.body)")
            #expect(cfn.requests.count == 3)
            #expect(Set(cfn.requests.map(\.bodyText)).count == 1)
            let refused = try await lambda.runtimeAPI.invoke(Self.event("Delete", url: url, hash: hash, physicalId: "p"))
            #expect(refused.kind == "response")
            #expect(refused.json["Delivered"] as? Bool == false)
            #expect(cfn.requests.count == 4)
            #expect(lambda.process.log.contains("not retrying"))
        } catch {
            Issue.record("\(error)\n\(lambda.process.log)")
        }
        await cfn.shutdown()
        await lambda.stop()
    }

    @Test("a failing script: FAILED with the database's reason; PostgreSQL rolls the version back, MariaDB reports the dirty marker", arguments: [DatabaseEngine.postgresql, .mysql])
    func failingScript(engine: DatabaseEngine) async throws {
        let scripts = try LambdaFixture.scripts([
            "v1.sql": "CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(100));\n",
            "v2.sql": "CREATE TABLE half_done (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n",
        ])
        let lambda = try await LambdaFixture.start(engine, handler: "migrate", schemaDirectory: scripts)
        let cfn = try await ScriptedHTTPServer.start(handler: { _ in ScriptedResponse(status: 200) })
        do {
            let outcome = try await lambda.runtimeAPI.invoke(Self.event("Create", url: cfn.baseURL + "/r", hash: try Self.hash(scripts)))
            #expect(outcome.kind == "response")
            #expect(cfn.requests.count == 1)
            let body = try Self.put(try #require(cfn.requests.first))
            #expect(body["Status"] as? String == "FAILED")
            let reason = try #require(body["Reason"] as? String)
            #expect(reason.contains("no_such_table"), "\(reason)")
            let tables = try await lambda.tables()
            #expect(tables.contains("notes"))
            if engine == .postgresql {
                #expect(reason.contains("rolled back"))
                #expect(!tables.contains("half_done"))
            } else {
                #expect(reason.contains("dirty"))
                #expect(tables.contains("half_done"))
            }
            // CloudFormation then rolls back to the build with v1 only: its Update answers SUCCESS and touches nothing.
            let older = try LambdaFixture.scripts(["v1.sql": "CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(100));\n"])
            let rollback = try await LambdaFixture.start(engine, handler: "migrate", schemaDirectory: older, database: lambda.database)
            _ = try await rollback.runtimeAPI.invoke(Self.event(
                "Update", url: cfn.baseURL + "/r", hash: try Self.hash(older), oldHash: try Self.hash(scripts),
                physicalId: try #require(body["PhysicalResourceId"] as? String)))
            let answer = try Self.put(try #require(cfn.requests.last))
            #expect(answer["Status"] as? String == "SUCCESS", "\(answer)\n\(rollback.process.log)")
            #expect((answer["Data"] as? [String: String])?["AppliedVersion"] == "1")
            if engine == .mysql {
                #expect((answer["Reason"] as? String)?.contains("dirty version(s) v2") == true, "\(answer)")
            }
            #expect(try await lambda.tables() == tables)
            await rollback.stop()
        } catch {
            Issue.record("\(error)\n\(lambda.process.log)")
        }
        await cfn.shutdown()
        await lambda.stop()
    }

    @Test("near the deadline no statement starts, the lock is released and FAILED says where it stopped", arguments: [DatabaseEngine.postgresql, .mysql])
    func deadline(engine: DatabaseEngine) async throws {
        let sleep = engine == .postgresql ? "SELECT pg_sleep(1);\n" : "SELECT SLEEP(1);\n"
        let scripts = try LambdaFixture.scripts(["v1.sql": "CREATE TABLE early (id INTEGER PRIMARY KEY);\n" + String(repeating: sleep, count: 8)])
        let lambda = try await LambdaFixture.start(engine, handler: "migrate", schemaDirectory: scripts)
        let cfn = try await ScriptedHTTPServer.start(handler: { _ in ScriptedResponse(status: 200) })
        do {
            // 17.5 s left: statements stop once less than 15 s remain, after two or three of them.
            let started = ContinuousClock.now
            let outcome = try await lambda.runtimeAPI.invoke(
                Self.event("Create", url: cfn.baseURL + "/r", hash: try Self.hash(scripts)), deadlineIn: .milliseconds(17_500))
            #expect(ContinuousClock.now - started < .seconds(8))
            #expect(outcome.kind == "response")
            #expect(cfn.requests.count == 1)
            let body = try Self.put(try #require(cfn.requests.first))
            #expect(body["Status"] as? String == "FAILED")
            #expect((body["Reason"] as? String)?.contains("timed out before v1") == true, "\(body)")
            // PostgreSQL: the version was rolled back; MariaDB: the history says where it stopped. Either way the
            // lock is free: a run with time to spare finishes the job (MariaDB after the marker is cleared).
            if engine == .postgresql {
                #expect(!(try await lambda.tables().contains("early")))
                let again = try await lambda.runtimeAPI.invoke(Self.event("Create", url: cfn.baseURL + "/r", hash: try Self.hash(scripts)))
                #expect(again.json["Status"] as? String == "SUCCESS", "\(again.body)")
            } else {
                let status = try await lambda.runtimeAPI.invoke(#"{"command":"status"}"#)
                let versions = status.json["versions"] as? [[String: Any]]
                #expect(versions?.first?["state"] as? String == "dirty", "\(status.body)")
            }
            #expect(cfn.requests.count <= 2)
        } catch {
            Issue.record("\(error)\n\(lambda.process.log)")
        }
        await cfn.shutdown()
        await lambda.stop()
    }

    @Test("new scripts: the Update applies them; rolled back to the older build, the database stays ahead", arguments: [DatabaseEngine.postgresql, .mysql])
    func scriptsChange(engine: DatabaseEngine) async throws {
        let older = try LambdaFixture.scripts(["v1.sql": "CREATE TABLE a (id INTEGER PRIMARY KEY);\n"])
        let newer = try LambdaFixture.scripts(["v1.sql": "CREATE TABLE a (id INTEGER PRIMARY KEY);\n", "v2.sql": "CREATE TABLE b (id INTEGER PRIMARY KEY);\n"])
        let (oldHash, newHash) = (try Self.hash(older), try Self.hash(newer))
        let cfn = try await ScriptedHTTPServer.start(handler: { _ in ScriptedResponse(status: 200) })
        let first = try await LambdaFixture.start(engine, handler: "migrate", schemaDirectory: older)
        let database = first.database
        var log = ""
        do {
            _ = try await first.runtimeAPI.invoke(Self.event("Create", url: cfn.baseURL + "/r", hash: oldHash))
            let created = try Self.put(try #require(cfn.requests.last))
            #expect(created["Data"] as? [String: String] == ["AppliedVersion": "1", "ScriptsHash": oldHash, "BundledVersion": "1"])
            let physicalId = try #require(created["PhysicalResourceId"] as? String)
            log += first.process.log
            await first.stop()

            // A deploy with a new script: CloudFormation sends Update with the new hash.
            let second = try await LambdaFixture.start(engine, handler: "migrate", schemaDirectory: newer, database: database)
            _ = try await second.runtimeAPI.invoke(Self.event("Update", url: cfn.baseURL + "/r", hash: newHash, oldHash: oldHash, physicalId: physicalId))
            let updated = try Self.put(try #require(cfn.requests.last))
            #expect(updated["Status"] as? String == "SUCCESS", "\(updated)")
            #expect(updated["PhysicalResourceId"] as? String == physicalId)
            #expect(updated["Data"] as? [String: String] == ["AppliedVersion": "2", "ScriptsHash": newHash, "BundledVersion": "2"])
            #expect((updated["Reason"] as? String)?.contains("Applied v2") == true)
            #expect(try await second.tables().filter { !$0.hasPrefix("aurora_data_") } == ["a", "b"])
            log += second.process.log
            await second.stop()

            // The older build comes back (a rollback of the code): its Update finds the database ahead.
            let third = try await LambdaFixture.start(engine, handler: "migrate", schemaDirectory: older, database: database)
            _ = try await third.runtimeAPI.invoke(Self.event("Update", url: cfn.baseURL + "/r", hash: oldHash, oldHash: newHash, physicalId: physicalId))
            let ahead = try Self.put(try #require(cfn.requests.last))
            #expect(ahead["Status"] as? String == "SUCCESS", "\(ahead)")
            #expect(ahead["Data"] as? [String: String] == ["AppliedVersion": "2", "ScriptsHash": oldHash, "BundledVersion": "1"])
            #expect((ahead["Reason"] as? String)?.contains("ahead of the bundled scripts") == true)
            #expect(try await third.tables().filter { !$0.hasPrefix("aurora_data_") } == ["a", "b"])
            #expect(cfn.requests.count == 3)
            await third.stop()
        } catch {
            Issue.record("\(error)\n\(log)")
        }
        await cfn.shutdown()
    }
}
