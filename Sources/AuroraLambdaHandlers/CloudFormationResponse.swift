#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The body PUT to a custom resource's `ResponseURL`.
///
/// Implements https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html: `Status`,
/// `Reason` (shown in the stack events), `PhysicalResourceId`, the request's `StackId`, `RequestId` and
/// `LogicalResourceId`, `NoEcho` and `Data` (string values, for `Fn::GetAtt`). The whole body stays within
/// 4096 bytes: a longer Reason is cut.
struct CloudFormationResponse: Encodable, Sendable, Equatable {
    enum Status: String, Encodable, Sendable {
        case success = "SUCCESS"
        case failed = "FAILED"
    }

    var status: Status
    var reason: String
    var physicalResourceId: String
    var stackId: String
    var requestId: String
    var logicalResourceId: String
    var noEcho = false
    var data: [String: String]?

    /// The service's limit on the response body.
    static let maximumBytes = 4096

    enum CodingKeys: String, CodingKey {
        case status = "Status", reason = "Reason", physicalResourceId = "PhysicalResourceId", stackId = "StackId"
        case requestId = "RequestId", logicalResourceId = "LogicalResourceId", noEcho = "NoEcho", data = "Data"
    }

    init(_ status: Status, reason: String, request: CloudFormationRequest, physicalResourceId: String, data: [String: String]? = nil) {
        self.status = status
        self.reason = reason
        self.physicalResourceId = physicalResourceId
        self.stackId = request.stackId ?? ""
        self.requestId = request.requestId ?? ""
        self.logicalResourceId = request.logicalResourceId ?? ""
        self.data = data
    }

    /// The JSON body, with `Reason` cut (and marked so) when the body would pass ``maximumBytes``.
    func body() -> [UInt8] {
        let full = encoded(self)
        guard full.count > Self.maximumBytes else { return full }
        let marker = " … (cut to fit CloudFormation's 4096-byte limit; the function's log has the whole text)"
        var copy = self
        var keep = max(0, reason.utf8.count - (full.count - Self.maximumBytes) - marker.utf8.count - 16)
        while true {
            copy.reason = Self.prefix(reason, utf8Bytes: keep) + marker
            let body = encoded(copy)
            if body.count <= Self.maximumBytes || keep == 0 { return body }
            keep = max(0, keep - (body.count - Self.maximumBytes) - 8)
        }
    }

    /// The longest prefix of `text` within `count` UTF-8 bytes, cut on a character boundary.
    static func prefix(_ text: String, utf8Bytes count: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let size = character.utf8.count
            if used + size > count { break }
            result.append(character)
            used += size
        }
        return result
    }

    private func encoded(_ response: CloudFormationResponse) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? [UInt8](encoder.encode(response))) ?? []
    }
}
