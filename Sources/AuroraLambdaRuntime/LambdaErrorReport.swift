#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON body of `/invocation/{id}/error` and `/init/error`: `{"errorMessage", "errorType", "stackTrace"}`.
struct LambdaErrorReport: Encodable, Sendable {
    var errorMessage: String
    var errorType: String
    var stackTrace: [String] = []

    init(_ error: any Error) {
        if let reportable = error as? any LambdaReportableError {
            errorType = reportable.errorType
            errorMessage = reportable.errorMessage
        } else {
            errorType = "Function.\(String(describing: type(of: error)))"
            errorMessage = String(describing: error)
        }
    }

    var json: [UInt8] {
        (try? [UInt8](JSONEncoder().encode(self))) ?? Array(#"{"errorMessage":"unencodable error","errorType":"Runtime.Unknown","stackTrace":[]}"#.utf8)
    }
}
