import AuroraAWS
import AuroraDatabaseDrivers
import AuroraDatabaseServers
import AuroraDataLocal
import AuroraDataLocalTestSupport
import AuroraSigV4
import Foundation
import Testing

@Suite("descriptions hold no secrets")
struct SecretFreeDescriptionTests {
    @Test func configurationCredentialsAndAddressesHideSecrets() throws {
        let credentials = DatabaseCredentials(username: "app", password: "db-pass-123")
        let configuration = LocalEndpointConfiguration(
            accessKeys: ["AKIDX": "key-secret-456"], secrets: ["arn:s": credentials])
        let address = try DatabaseServerAddress(url: "postgresql://app:db-pass-123@127.0.0.1:5432/db")
        for text in [
            "\(configuration)", String(reflecting: configuration), "\(credentials)", String(reflecting: credentials),
            "\(address)", String(reflecting: address),
        ] {
            #expect(!text.contains("db-pass-123") && !text.contains("key-secret-456"), "\(text)")
        }
        #expect("\(configuration)".contains("AKIDX"))
        #expect("\(address)" == "postgresql://app@127.0.0.1:5432/db")
    }
}
