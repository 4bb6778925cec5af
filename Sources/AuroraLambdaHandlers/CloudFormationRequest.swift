/// A CloudFormation custom resource request, read leniently: every field may be missing, and property values
/// are strings (CloudFormation stringifies them).
///
/// Implements https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html
struct CloudFormationRequest: Sendable {
    var requestType: String?
    var responseURL: String?
    var stackId: String?
    var requestId: String?
    var logicalResourceId: String?
    var physicalResourceId: String?
    var resourceType: String?
    var properties: [String: JSONValue]
    var oldProperties: [String: JSONValue]?

    /// Whether an event looks like one from CloudFormation rather than a direct invoke.
    static func isCloudFormationEvent(_ object: [String: JSONValue]) -> Bool {
        object["RequestType"] != nil || object["ResponseURL"] != nil
    }

    init(_ object: [String: JSONValue]) {
        requestType = object["RequestType"]?.string
        responseURL = object["ResponseURL"]?.string
        stackId = object["StackId"]?.string
        requestId = object["RequestId"]?.string
        logicalResourceId = object["LogicalResourceId"]?.string
        physicalResourceId = object["PhysicalResourceId"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        resourceType = object["ResourceType"]?.string
        properties = object["ResourceProperties"]?.object ?? [:]
        oldProperties = object["OldResourceProperties"]?.object
    }

    /// The stack's name: `arn:aws:cloudformation:<region>:<account>:stack/<name>/<id>`.
    var stackName: String? {
        guard let stackId else { return nil }
        let parts = stackId.split(separator: ":", maxSplits: 5)
        guard parts.count == 6, parts[5].hasPrefix("stack/") else { return nil }
        return parts[5].dropFirst(6).split(separator: "/").first.map(String.init)
    }

    /// The id to answer with: the one CloudFormation sent (Update, Delete), else one made from the stack, the
    /// logical id and the database, so it is the same for every response of this resource and an Update never
    /// looks like a replacement.
    func physicalId(database: String) -> String {
        if let physicalResourceId { return physicalResourceId }
        let id = "\(stackName ?? "stack"):\(logicalResourceId ?? "SchemaMigration"):\(database)"
        return CloudFormationResponse.prefix(id, utf8Bytes: 1000)
    }
}
