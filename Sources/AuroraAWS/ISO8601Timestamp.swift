#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Parses the ISO 8601 timestamps of credential documents: `2026-11-23T18:11:11Z`, with optional fractional
/// seconds and a `Z` or `±hh:mm` offset.
enum ISO8601Timestamp {
    static func parse(_ text: String) -> Date? {
        let styles: [Date.ISO8601FormatStyle] = [
            Date.ISO8601FormatStyle(),
            Date.ISO8601FormatStyle(includingFractionalSeconds: true),
        ]
        for style in styles {
            if let date = try? style.parse(text) { return date }
        }
        return nil
    }
}
