#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AuroraLambdaRuntime
import AuroraMigrate

/// The functions' configuration from their environment (see ``LambdaVariable``).
struct LambdaSettings: Sendable {
    var resourceArn: String
    var secretArn: String
    var database: String
    var schemaDirectory: String
    var engine: MigrationEngine?
    var allowReset: Bool

    /// - Throws: ``LambdaError`` naming the first missing or invalid variable.
    init(environment: [String: String], executablePath: String? = LambdaSettings.executablePath()) throws(LambdaError) {
        func required(_ name: String, _ what: String) throws(LambdaError) -> String {
            guard let value = environment[name], !value.isEmpty else { throw .missingVariable(name, what: what) }
            return value
        }
        resourceArn = try required(LambdaVariable.resourceArn, "the Aurora cluster ARN (arn:aws:rds:<region>:<account>:cluster:<name>)")
        secretArn = try required(LambdaVariable.secretArn, "the ARN of the Secrets Manager secret with the database credentials")
        database = try required(LambdaVariable.database, "the database name")
        if let directory = environment[LambdaVariable.schemaDir], !directory.isEmpty {
            schemaDirectory = directory
        } else {
            let folder = executablePath.map { path in path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") }
            schemaDirectory = (folder.map { $0.isEmpty ? "/" : $0 + "/" } ?? "") + "schema"
        }
        if let text = environment[LambdaVariable.engine], !text.isEmpty {
            guard let engine = MigrationEngine(rawValue: text.lowercased()) else {
                throw LambdaError(
                    errorType: "Runtime.InvalidConfiguration",
                    errorMessage: "\(LambdaVariable.engine) is '\(text)'; use postgresql or mysql, or leave it unset to detect the engine.")
            }
            self.engine = engine
        } else {
            engine = nil
        }
        allowReset = environment[LambdaVariable.allowReset]?.lowercased() == "true"
    }

    /// The running executable (`/proc/self/exe`), so `schema/` is found beside it whatever the working directory.
    static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return CommandLine.arguments.first }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
