import AuroraDataAPI
import AuroraDataAPIModel
import AuroraTestSupport
import Foundation
import Testing

/// BatchExecuteStatement split under the 4 MiB request limit.
@Suite("Batches")
struct BatchTests {
    /// Answers each batch request with one generated id per parameter set, numbered from the set's `n`.
    static let echoServer: @Sendable (RecordedRequest) async -> ScriptedResponse = { request in
        let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any]
        let sets = object?["parameterSets"] as? [[[String: Any]]] ?? []
        let results = sets.map { set -> String in
            let n = set.first { $0["name"] as? String == "n" }.flatMap { ($0["value"] as? [String: Any])?["longValue"] as? Int } ?? -1
            return #"{"generatedFields":[{"longValue":\#(n)}]}"#
        }
        return .json(#"{"updateResults":[\#(results.joined(separator: ","))]}"#)
    }

    @Test("sets are split so every request stays under 4 MiB; results keep their order")
    func splitting() async throws {
        try await ScriptedHTTPServer.withServer(handler: Self.echoServer) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let payload = String(repeating: "x", count: 300_000)
            let sets = try (0..<40).map { n in
                [try SqlParameter(name: "n", n), try SqlParameter(name: "payload", payload)]
            }
            let results = try await client.batchExecute("INSERT INTO t (n, payload) VALUES (:n, :payload)", parameterSets: sets)
            #expect(results.map(\.generatedFields) == (0..<40).map { [Field.long(Int64($0))] })
            let requests = server.requests
            // Each set is ~300 kB, so 13 fit under 4 MiB minus the header allowance: 13 + 13 + 13 + 1.
            #expect(requests.count == 4)
            for request in requests {
                #expect(request.uri == "/BatchExecute")
                let headerBytes = request.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
                #expect(request.body.count + headerBytes < DataAPIClient.maxRequestBytes)
            }
            // The split is greedy: all but the last request are nearly full.
            #expect(requests.dropLast().allSatisfy { $0.body.count > DataAPIClient.maxRequestBytes - 400_000 })
        }
    }

    @Test("one set larger than the limit is refused before anything is sent")
    func oversizedSet() async throws {
        try await ScriptedHTTPServer.withServer(handler: Self.echoServer) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let huge = try SqlParameter(name: "payload", [UInt8](repeating: 7, count: 3_500_000))
            let sets = [[try SqlParameter(name: "n", 1)], [try SqlParameter(name: "n", 2), huge]]
            let error = await #expect(throws: DataAPIError.self) {
                try await client.batchExecute("INSERT INTO t (n, payload) VALUES (:n, :payload)", parameterSets: sets)
            }
            #expect(error?.code == .invalidRequest)
            #expect(error?.message.contains("Parameter set 2") == true)
            #expect(server.requests.isEmpty)
        }
    }

    @Test("no parameter sets runs the statement once without parameters")
    func emptySets() async throws {
        try await ScriptedHTTPServer.withServer(handler: Self.echoServer) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let results = try await client.batchExecute("DELETE FROM t", parameterSets: [])
            #expect(results.count == 1)
            #expect(server.requests.first?.bodyText.contains(#""parameterSets":[[]]"#) == true)
        }
    }

    @Test("interpolated values of the statement are added to every set")
    func sharedParameters() async throws {
        try await ScriptedHTTPServer.withServer(handler: Self.echoServer) { server in
            let client = DataAPIClient.forTesting(endpoint: server.baseURL)
            let tenant = "acme"
            try await client.batchExecute(
                "INSERT INTO t (tenant, n) VALUES (\(tenant), :n)",
                parameterSets: [[try SqlParameter(name: "n", 1)], [try SqlParameter(name: "n", 2)]])
            let body = try canonicalJSON(try #require(server.requests.first).body)
            #expect(body.contains(#""parameterSets":[[{"name":"p1","value":{"stringValue":"acme"}},{"name":"n","value":{"longValue":1}}],[{"name":"p1","value":{"stringValue":"acme"}},{"name":"n","value":{"longValue":2}}]]"#))
        }
    }
}
