import AuroraLambdaHandlers
import Foundation
import Testing

/// The Swift side of `cdk-template/lambda_contract.json`, which the CDK app builds its template from.
@Suite("Lambda contract with the CDK app")
struct LambdaContractTests {
    static func contract() throws -> [String: Any] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("cdk-template/lambda_contract.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("handler names and environment variables are the ones the template uses")
    func namesMatch() throws {
        let contract = try Self.contract()
        #expect(contract["handlers"] as? [String] == LambdaFunctionKind.allCases.map(\.rawValue))
        let environment = try #require(contract["environment"] as? [String: String])
        #expect(environment == [
            "resourceArn": LambdaVariable.resourceArn, "secretArn": LambdaVariable.secretArn, "database": LambdaVariable.database,
            "schemaDir": LambdaVariable.schemaDir, "engine": LambdaVariable.engine, "allowReset": LambdaVariable.allowReset,
        ])
        #expect(contract["routes"] as? [String] == PostsRoutes.all)
        let resource = try #require(contract["customResource"] as? [String: Any])
        #expect(resource["type"] as? String == SchemaMigrationResource.type)
        #expect(resource["hashProperty"] as? String == SchemaMigrationResource.hashProperty)
        #expect(resource["attributes"] as? [String] == SchemaMigrationResource.attributes)
    }
}
