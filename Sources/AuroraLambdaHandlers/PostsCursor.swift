#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The opaque `cursor` of `GET /posts`: where the next page starts (the last id of this page), as URL-safe base64
/// of `posts:<id>`. Clients pass it back unchanged; its content may change between versions.
struct PostsCursor: Sendable, Equatable {
    var beforeId: Int64

    init(beforeId: Int64) {
        self.beforeId = beforeId
    }

    init?(_ text: String) {
        var base64 = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        let decoded = String(decoding: data, as: UTF8.self)
        guard decoded.hasPrefix("posts:"), let id = Int64(decoded.dropFirst(6)), id > 0 else { return nil }
        beforeId = id
    }

    var text: String {
        String(Data("posts:\(beforeId)".utf8).base64EncodedString().compactMap { $0 == "=" ? nil : $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }
}
