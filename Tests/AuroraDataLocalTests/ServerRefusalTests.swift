import AuroraAWS
import AuroraDatabaseDrivers
import AuroraDatabaseServers
import AuroraDataLocal
import AuroraDataLocalTestSupport
import AuroraSigV4
import Foundation
import Testing

/// Requests the endpoint must refuse, with the status, `x-amzn-ErrorType`, body `code` and message AWS uses.
@Suite("Local endpoint refusals")
struct ServerRefusalTests {
    private func expectError(
        _ answer: EndpointAnswer, _ status: Int, _ code: String, _ message: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(answer.status == status, "\(answer.json)", sourceLocation: sourceLocation)
        #expect(answer.code == code, "\(answer.json)", sourceLocation: sourceLocation)
        #expect(answer.header("x-amzn-ErrorType") == code, sourceLocation: sourceLocation)
        #expect(answer.header("x-amzn-RequestId") != nil, sourceLocation: sourceLocation)
        if let message {
            #expect(answer.message?.hasPrefix(message) == true, "\(answer.message ?? "")", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Authentication

    @Test func unsignedRequestIsRefused() async throws {
        let endpoint = try await LocalEndpointFixture.shared(.postgresql)
        let answer = try await endpoint.call("/Execute", ["sql": "SELECT 1"], signing: .unsigned)
        expectError(answer, 403, "MissingAuthenticationTokenException", "Missing Authentication Token")
    }

    @Test func wrongSecretKeyIsRefused() async throws {
        let endpoint = try await LocalEndpointFixture.shared(.postgresql)
        let wrong = AWSCredentials(accessKeyId: endpoint.credentials.accessKeyId, secretAccessKey: "not-the-secret")
        let answer = try await endpoint.call("/Execute", ["sql": "SELECT 1"], signing: .with(wrong))
        expectError(
            answer, 403, "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
                + "Access Key and signing method. Consult the service documentation for details."
        )
    }

    @Test func unknownAccessKeyIsRefused() async throws {
        let endpoint = try await LocalEndpointFixture.shared(.postgresql)
        let stranger = AWSCredentials(accessKeyId: "AKIDUNKNOWN", secretAccessKey: "whatever")
        let answer = try await endpoint.call("/Execute", ["sql": "SELECT 1"], signing: .with(stranger))
        expectError(answer, 403, "UnrecognizedClientException", "The security token included in the request is invalid.")
    }

    @Test func signatureOlderThanFiveMinutesIsRefused() async throws {
        let endpoint = try await LocalEndpointFixture.shared(.postgresql)
        let answer = try await endpoint.call("/Execute", ["sql": "SELECT 1"], date: Date().addingTimeInterval(-400))
        expectError(answer, 403, "InvalidSignatureException", "Signature expired: ")
    }

    @Test func malformedAuthorizationIsIncomplete() async throws {
        let endpoint = try await LocalEndpointFixture.shared(.postgresql)
        let response = try await endpoint.send(
            "/Execute", body: "{}", signing: .unsigned,
            extraHeaders: [("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDLOCALDATAAPI/20260101/us-east-1/rds-data/aws4_request")]
        )
        #expect(response.status == 403)
        #expect(response.header("x-amzn-ErrorType") == "IncompleteSignatureException")
    }

    // MARK: - Validation

    @Test func badJSONIsASerializationError() async throws {
        let endpoint = try await LocalEndpointFixture.shared(.postgresql)
        expectError(try await endpoint.callRaw("/Execute", "{not json"), 400, "SerializationException")
        expectError(
            try await endpoint.callRaw("/Execute", #"{"resourceArn": 5, "secretArn": "x", "sql": "SELECT 1"}"#),
            400, "SerializationException"
        )
    }

    @Test func modelConstraintsAreValidationErrors() async throws {
        let endpoint = try await LocalEndpointFixture.shared(.postgresql)
        expectError(
            try await endpoint.call("/Execute", [:]), 400, "ValidationException",
            "1 validation error detected: Value null at 'sql' failed to satisfy constraint: Member must not be null"
        )
        expectError(
            try await endpoint.call("/Execute", ["sql": "SELECT 1", "resourceArn": "arn:short"]), 400, "ValidationException",
            "1 validation error detected: Value 'arn:short' at 'resourceArn'"
        )
        let longSQL = "SELECT 1" + String(repeating: " ", count: 65_536)
        expectError(try await endpoint.call("/Execute", ["sql": longSQL]), 400, "ValidationException")
        expectError(
            try await endpoint.call("/Execute", ["sql": "SELECT 1", "database": String(repeating: "d", count: 65)]),
            400, "ValidationException"
        )
        expectError(
            try await endpoint.call("/Execute", ["sql": "SELECT 1", "formatRecordsAs": "XML"]), 400, "ValidationException",
            "1 validation error detected: Value 'XML' at 'formatRecordsAs' failed to satisfy constraint: Member must satisfy enum value set: [NONE, JSON]"
        )
        expectError(
            try await endpoint.call(
                "/Execute",
                ["sql": "SELECT :a", "parameters": [["name": "a", "value": ["stringValue": "x"], "typeHint": "MONEY"]]]
            ), 400, "ValidationException"
        )
        expectError(
            try await endpoint.call(
                "/Execute",
                ["sql": "SELECT :a", "parameters": [["name": "a", "value": ["stringValue": "x", "longValue": 1]]]]
            ), 400, "ValidationException"
        )
        expectError(
            try await endpoint.call(
                "/Execute",
                ["sql": "SELECT :a", "parameters": [["name": "a", "value": ["arrayValue": ["longValues": [1, 2]]]]]]
            ), 400, "ValidationException", "Array parameters are not supported."
        )
        expectError(
            try await endpoint.call("/Execute", ["sql": "SELECT 1", "transactionId": String(repeating: "t", count: 193)]),
            400, "ValidationException"
        )
    }

    @Test(arguments: serverEngines)
    func serverlessV2RefusalsOfSQLAndSchema(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        expectError(
            try await endpoint.call("/Execute", ["sql": "SELECT 1; SELECT 2"]), 400, "ValidationException",
            "Multistatements aren't supported."
        )
        // One statement with a trailing semicolon, and semicolons inside literals, are fine.
        #expect(try await endpoint.call("/Execute", ["sql": "SELECT ';' AS s;"]).status == 200)
        expectError(
            try await endpoint.call("/Execute", ["sql": "SELECT 1", "schema": "public"]), 400, "ValidationException",
            "The schema parameter isn't supported"
        )
        expectError(
            try await endpoint.call("/BatchExecute", ["sql": "SELECT 1", "parameterSets": [] as [Any]]), 400,
            "ValidationException"
        )
    }

    @Test func unknownOperationIsNotFound() async throws {
        let endpoint = try await LocalEndpointFixture.shared(.postgresql)
        expectError(try await endpoint.call("/Nope", ["sql": "SELECT 1"]), 404, "UnknownOperationException")
    }

    // MARK: - Resources and database errors

    @Test func unknownClusterAndSecretAreRefused() async throws {
        let endpoint = try await LocalEndpointFixture.shared(.postgresql)
        let cluster = "arn:aws:rds:us-east-1:123456789012:cluster:nope"
        expectError(
            try await endpoint.call("/Execute", ["sql": "SELECT 1", "resourceArn": cluster]), 400,
            "HttpEndpointNotEnabledException", "HttpEndpoint is not enabled for resource \(cluster)"
        )
        let secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:nope"
        expectError(
            try await endpoint.call("/Execute", ["sql": "SELECT 1", "secretArn": secret]), 400, "SecretsErrorException",
            "Error fetching secret \(secret)"
        )
    }

    @Test(arguments: serverEngines)
    func secretWithAWrongPasswordIsInvalid(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let wrongSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:wrong-password"
        let user = endpoint.databaseServer.address.credentials.username
        let answer = try await endpoint.withEndpoint({
            $0.secrets[wrongSecret] = DatabaseCredentials(username: user, password: "not-the-password")
        }) { url in
            try await endpoint.call("/Execute", ["sql": "SELECT 1", "secretArn": wrongSecret], to: url)
        }
        expectError(answer, 400, "InvalidSecretException", "The database refused the user name and password of secret")
    }

    @Test(arguments: serverEngines)
    func databaseErrorsCarryTheEngineMessageAndSQLState(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let answer = try await endpoint.call("/Execute", ["sql": "SELECT * FROM no_such_table"])
        expectError(answer, 400, "DatabaseErrorException")
        let message = try #require(answer.message)
        if engine == .postgresql {
            #expect(message.hasPrefix("ERROR: relation \"no_such_table\" does not exist"), "\(message)")
            #expect(message.hasSuffix("; SQLState: 42P01"), "\(message)")
        } else {
            #expect(message.contains("no_such_table' doesn't exist"), "\(message)")
            #expect(message.hasSuffix("Error code: 1146; SQLState: 42S02"), "\(message)")
        }
    }

    @Test(arguments: serverEngines)
    func unknownTransactionIsNotFound(engine: DatabaseEngine) async throws {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        expectError(
            try await endpoint.call("/Execute", ["sql": "SELECT 1", "transactionId": "nope"]), 404,
            "TransactionNotFoundException", "Transaction nope is not found"
        )
        expectError(
            try await endpoint.call("/RollbackTransaction", ["transactionId": "nope"]), 404, "TransactionNotFoundException"
        )
    }
}
