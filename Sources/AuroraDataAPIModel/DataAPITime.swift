/// A time of day as a TIME column carries it (`HH:MM:SS[.f]`), without date or zone.
///
/// Decodes from the Data API's TIME text (`stringValue`) and encodes back to it, so it can be a property of a
/// Decodable record. https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html
public struct DataAPITime: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 0...23, or 24 for PostgreSQL's `24:00:00`.
    public let hour: Int
    /// 0...59.
    public let minute: Int
    /// 0...59.
    public let second: Int
    /// 0...999_999_999; the Data API carries at most microseconds.
    public let nanosecond: Int

    /// Returns nil when a component is out of range.
    public init?(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
        guard (0...59).contains(minute), (0...59).contains(second), (0...999_999_999).contains(nanosecond),
            (0...23).contains(hour) || (hour == 24 && minute == 0 && second == 0 && nanosecond == 0)
        else { return nil }
        self.init(uncheckedHour: hour, minute: minute, second: second, nanosecond: nanosecond)
    }

    init(uncheckedHour hour: Int, minute: Int, second: Int, nanosecond: Int) {
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }

    /// The TIME text, e.g. `04:58:22.32`.
    public var description: String { DataAPIDateTime.formatTime(self) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = DataAPIDateTime.parseTime(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected a TIME HH:MM:SS[.f], found \"\(text)\"")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
