#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraAWS
import AuroraDataAPI
import AuroraLambdaRuntime
import AuroraMigrate
import Logging

/// The `migrate` handler: the `Custom::SchemaMigration` resource, and direct `deploy` / `status` / `reset`.
///
/// CloudFormation events (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requesttypes.html):
/// - Create, and Update whose `ScriptsHash` is the bundled scripts' hash: apply the pending versions under the
///   migration lock; SUCCESS with `Data {AppliedVersion, ScriptsHash, BundledVersion}`.
/// - Create with another hash: FAILED (the template and the function come from different builds).
/// - Update with another hash whose old hash is the bundled one: CloudFormation rolling back with this code, a
///   no-op SUCCESS. Any other mismatch: FAILED.
/// - A database ahead of the bundled scripts: SUCCESS, nothing applied, never a down-migration.
/// - Delete: SUCCESS; the schema stays.
/// Every event gets exactly one PUT to its `ResponseURL`, then a normal `/response` to Lambda (never `/error`,
/// which would make Lambda deliver the event again).
struct SchemaMigrationFunction: LambdaHandler {
    let client: DataAPIClient
    let settings: LambdaSettings
    let scripts: MigrationScripts
    let responder: CloudFormationResponder
    let margins: DeadlineMargins

    /// How close to the Lambda deadline the function stops working.
    struct DeadlineMargins: Sendable {
        /// No migration statement starts with less time left than this (a statement may take a while).
        var stopStatements: Duration = .seconds(15)
        /// With this much time left a FAILED response is sent whatever the migration is doing.
        var answer: Duration = .seconds(4)
    }

    init(client: DataAPIClient, settings: LambdaSettings, transport: any HTTPTransport, margins: DeadlineMargins = DeadlineMargins()) throws(LambdaError) {
        self.client = client
        self.settings = settings
        self.responder = CloudFormationResponder(transport: transport)
        self.margins = margins
        do {
            scripts = try MigrationScripts.load(directory: settings.schemaDirectory)
        } catch {
            throw LambdaError(
                errorType: "Runtime.InvalidSchema",
                errorMessage: "The bundled migration scripts cannot be used: \(error.message) "
                    + "(set \(LambdaVariable.schemaDir), or package the scripts as schema/ beside bootstrap).")
        }
    }

    func handle(_ event: [UInt8], context: LambdaContext) async throws -> [UInt8] {
        let object: [String: JSONValue]
        do {
            guard let parsed = try JSONValue.parse(event).object else {
                return invalidEvent("The event is not a JSON object.", context: context)
            }
            object = parsed
        } catch {
            return invalidEvent("The event is not valid JSON (\(event.count) bytes).", context: context)
        }
        if CloudFormationRequest.isCloudFormationEvent(object) {
            return await handleCloudFormation(CloudFormationRequest(object), context: context)
        }
        if let command = object["command"] {
            return try await handleCommand(command, context: context)
        }
        return invalidEvent(
            #"Expected a CloudFormation custom resource event (RequestType, ResponseURL) or {"command": "deploy" | "status" | "reset"}."#,
            context: context)
    }

    /// An event nothing can be done with: logged, and answered through `/response` (an `/error` would only make
    /// Lambda deliver it again).
    private func invalidEvent(_ message: String, context: LambdaContext) -> [UInt8] {
        context.logger.error("ignoring an event", metadata: ["reason": "\(message)"])
        return JSONOutput.encode(JSONValue.object(["error": ["type": "InvalidEvent", "message": .string(message)]]))
    }

    // MARK: CloudFormation

    private func handleCloudFormation(_ request: CloudFormationRequest, context: LambdaContext) async -> [UInt8] {
        guard let url = request.responseURL, CloudFormationResponder.isUsable(url) else {
            return invalidEvent(
                "The CloudFormation event \(request.requestId ?? "?") has no usable ResponseURL, so no response can be sent; nothing was done.",
                context: context)
        }
        context.logger.info(
            "custom resource event",
            metadata: ["requestType": "\(request.requestType ?? "-")", "logicalResourceId": "\(request.logicalResourceId ?? "-")",
                       "stackId": "\(request.stackId ?? "-")", "cfnRequestId": "\(request.requestId ?? "-")"])
        let response = await outcome(of: request, context: context)
        if response.status == .failed {
            context.logger.error("answering FAILED", metadata: ["reason": "\(response.reason)"])
        }
        let delivered = await responder.deliver(response.body(), to: url, context: context)
        return JSONOutput.encode(JSONValue.object([
            "Status": .string(response.status.rawValue), "PhysicalResourceId": .string(response.physicalResourceId),
            "Reason": .string(response.reason), "Delivered": .bool(delivered),
        ]))
    }

    /// The response for one event; never throws.
    func outcome(of request: CloudFormationRequest, context: LambdaContext) async -> CloudFormationResponse {
        let physicalId = request.physicalId(database: settings.database)
        let bundled = scripts.hash
        func failed(_ reason: String) -> CloudFormationResponse {
            CloudFormationResponse(.failed, reason: reason, request: request, physicalResourceId: physicalId)
        }
        switch request.requestType {
        case "Delete":
            return CloudFormationResponse(
                .success, reason: "Deleted the resource; the schema and its data are kept.", request: request,
                physicalResourceId: physicalId)
        case "Create", "Update":
            guard let wanted = request.properties[SchemaMigrationResource.hashProperty]?.string, !wanted.isEmpty else {
                return failed("The resource has no ScriptsHash property. Set it to the output of `aurora-data migrate hash` for the bundled scripts.")
            }
            if wanted == bundled {
                return await migrate(request, physicalId: physicalId, context: context)
            }
            if request.requestType == "Update", request.oldProperties?[SchemaMigrationResource.hashProperty]?.string == bundled {
                // CloudFormation rolls back an Update with the old properties after the function's code was
                // already rolled back to this build: nothing to do, and never a down-migration.
                let version = await currentVersion(context: context)
                return CloudFormationResponse(
                    .success, reason: "Rollback to older scripts: nothing applied (migrations only go forward).",
                    request: request, physicalResourceId: physicalId, data: data(applied: version))
            }
            return failed(
                "The template's ScriptsHash \(wanted) is not the hash of the scripts bundled with this function (\(bundled)): "
                    + "the template and the function's code come from different builds (a stale asset). Package again "
                    + "(scripts/package-lambda.sh) and deploy the template and the code together.")
        default:
            return failed("Unknown RequestType '\(request.requestType ?? "(missing)")'; expected Create, Update or Delete.")
        }
    }

    /// Applies the pending versions, stopping in time to answer before the Lambda deadline.
    private func migrate(_ request: CloudFormationRequest, physicalId: String, context: LambdaContext) async -> CloudFormationResponse {
        let progress = MigrationProgress()
        let appliedBy = "cloudformation \(request.stackName ?? "?")/\(request.logicalResourceId ?? "?") \(request.requestId ?? "")"
        let answerAfter = context.remainingTime() - margins.answer
        let outcome = await withTaskGroup(of: CloudFormationResponse?.self) { group -> CloudFormationResponse in
            group.addTask {
                do {
                    let (version, note) = try await runMigration(appliedBy: appliedBy, progress: progress, context: context)
                    return CloudFormationResponse(.success, reason: note, request: request, physicalResourceId: physicalId, data: data(applied: version))
                } catch {
                    return CloudFormationResponse(.failed, reason: Self.describe(error), request: request, physicalResourceId: physicalId)
                }
            }
            group.addTask {
                try? await Task.sleep(for: max(answerAfter, .zero))
                if Task.isCancelled { return nil }
                return CloudFormationResponse(
                    .failed,
                    reason: "timed out before \(progress.next.map { "v\($0)" } ?? "the migration finished"): the function's deadline was near "
                        + "while a statement was still running. Give the function a longer timeout, or run long migrations with `aurora-data migrate`.",
                    request: request, physicalResourceId: physicalId)
            }
            var first: CloudFormationResponse?
            while first == nil, let next = await group.next() { first = next }
            group.cancelAll()
            return first ?? CloudFormationResponse(.failed, reason: "The migration ended without an outcome.", request: request, physicalResourceId: physicalId)
        }
        return outcome
    }

    /// Runs the migration; returns the database's version afterwards and a note for `Reason`.
    private func runMigration(appliedBy: String, progress: MigrationProgress, context: LambdaContext) async throws -> (Int, String) {
        let migrator = migrator(appliedBy: appliedBy, progress: progress, context: context)
        let status = try await migrator.status()
        let beyond = status.versions.filter { $0.version > scripts.latestVersion && $0.state != .pending }
        if let newest = beyond.last {
            // Older code than the database (CloudFormation rolling back, or an older build deployed): never a
            // down-migration, and a dirty marker beyond these scripts is left for `aurora-data migrate repair`.
            let dirty = beyond.filter { $0.state == .dirty }.map { "v\($0.version)" }
            let note = dirty.isEmpty ? "" : " The database has dirty version(s) \(dirty.joined(separator: ", ")) beyond them: "
                + "see `aurora-data migrate status` and `aurora-data migrate repair`."
            return (
                Self.appliedVersion(status) ?? newest.version,
                "The database has version \(newest.version), ahead of the bundled scripts (v\(scripts.latestVersion)): nothing applied." + note)
        }
        let report = try await migrator.migrate()
        let note = report.applied.isEmpty
            ? "Nothing to apply; the database is at version \(report.currentVersion)."
            : "Applied \(report.applied.map { "v\($0)" }.joined(separator: ", ")); the database is at version \(report.currentVersion)."
        return (report.currentVersion, note)
    }

    /// A migrator whose calls, lock waits and statements all end in time to answer before the Lambda deadline.
    func migrator(appliedBy: String, progress: MigrationProgress, context: LambdaContext) -> Migrator {
        let remaining = context.remainingTime()
        return Migrator(
            database: client.limited(to: remaining - margins.answer), scripts: scripts,
            options: Migrator.Options(
                engine: settings.engine, appliedBy: appliedBy,
                lockTimeout: max(.seconds(1), remaining - margins.stopStatements - .seconds(5)),
                stopStartingStatementsAt: ContinuousClock.now + remaining - margins.stopStatements),
            logger: context.logger, events: { progress.record($0, logger: context.logger) })
    }

    /// The database's version, for responses that apply nothing; "unknown" when it cannot be read.
    private func currentVersion(context: LambdaContext) async -> Int? {
        let migrator = migrator(appliedBy: "status", progress: MigrationProgress(), context: context)
        do {
            return Self.appliedVersion(try await migrator.status()) ?? 0
        } catch {
            context.logger.warning("could not read the schema version", metadata: ["error": "\(Self.describe(error))"])
            return nil
        }
    }

    /// The highest version whose changes are in the database as a whole (applied, baselined, edited since, or
    /// applied by newer scripts); a dirty version does not count.
    static func appliedVersion(_ status: MigrationStatus) -> Int? {
        status.versions.last { [.applied, .baseline, .edited, .missing].contains($0.state) }?.version
    }

    private func data(applied version: Int?) -> [String: String] {
        let values = [version.map(String.init) ?? "unknown", scripts.hash, String(scripts.latestVersion)]
        return Dictionary(uniqueKeysWithValues: zip(SchemaMigrationResource.attributes, values))
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as MigrationError: return error.message
        case let error as DataAPIError: return "\(error.code.rawValue): \(error.message)"
        default: return "\(error)"
        }
    }
}
