import Foundation
import Testing

@testable import AuroraDataAPIModel

@Suite struct DataAPIDateTimeTests {
    private func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
    }

    @Test func parsesTimestampsWithZeroToSixFractionDigits() throws {
        let base = utc(2024, 1, 2, 3, 4, 5)
        let cases: [(String, Double)] = [
            ("2024-01-02 03:04:05", 0), ("2024-01-02 03:04:05.1", 0.1), ("2024-01-02 03:04:05.12", 0.12),
            ("2024-01-02 03:04:05.123", 0.123), ("2024-01-02 03:04:05.1234", 0.1234),
            ("2024-01-02 03:04:05.12345", 0.12345), ("2024-01-02 03:04:05.123456", 0.123456),
        ]
        for (text, fraction) in cases {
            let date = try #require(DataAPIDateTime.parseTimestamp(text), "\(text)")
            #expect(abs(date.timeIntervalSince(base) - fraction) < 1e-7, "\(text)")
        }
    }

    @Test func acceptsTSeparatorAndZoneOffsets() throws {
        let base = utc(2024, 1, 2, 3, 4, 5)
        #expect(DataAPIDateTime.parseTimestamp("2024-01-02T03:04:05") == base)
        #expect(DataAPIDateTime.parseTimestamp("2024-01-02 03:04:05Z") == base)
        #expect(DataAPIDateTime.parseTimestamp("2024-01-02 05:04:05+02") == base)
        #expect(DataAPIDateTime.parseTimestamp("2024-01-02 01:34:05-01:30") == base)
        #expect(DataAPIDateTime.parseTimestamp("2024-01-02 04:04:05+0100") == base)
    }

    @Test func refusesInvalidTimestamps() {
        for text in [
            "", "2024-01-02", "2024-01-02 03:04", "2024-13-01 00:00:00", "2024-02-30 00:00:00", "2023-02-29 00:00:00",
            "0000-00-00 00:00:00", "2024-01-02 24:00:00", "2024-01-02 03:60:00", "2024-01-02 03:04:60",
            "2024-01-02 03:04:05.", "2024-01-02 03:04:05.1234567890", "2024-01-02 03:04:05 ", "2024/01/02 03:04:05",
            "24-01-02 03:04:05", "2024-01-02 03:04:05+2", "infinity", "2024-01-02 03:04:05.12a",
        ] {
            #expect(DataAPIDateTime.parseTimestamp(text) == nil, "\(text)")
        }
    }

    @Test func parsesDatesAndTimes() throws {
        #expect(DataAPIDateTime.parseDate("2024-02-29") == utc(2024, 2, 29))
        #expect(DataAPIDateTime.parseDate("0001-01-01") == Date(timeIntervalSince1970: -62_135_596_800))
        #expect(DataAPIDateTime.parseDate("2023-02-29") == nil)
        #expect(DataAPIDateTime.parseDate("2024-02-29 00:00:00") == nil)
        let time = try #require(DataAPIDateTime.parseTime("04:58:22.32"))
        #expect(time.hour == 4 && time.minute == 58 && time.second == 22 && time.nanosecond == 320_000_000)
        #expect(time.description == "04:58:22.32")
        #expect(DataAPIDateTime.parseTime("24:00:00")?.hour == 24)
        #expect(DataAPIDateTime.parseTime("24:00:01") == nil)
        #expect(DataAPIDateTime.parseTime("-838:59:59") == nil)
        #expect(DataAPITime(hour: 25, minute: 0, second: 0) == nil)
    }

    @Test func formatsTimestampsTrimmingFractionZeros() throws {
        let base = utc(2024, 1, 2, 3, 4, 5)
        #expect(try DataAPIDateTime.formatTimestamp(base) == "2024-01-02 03:04:05")
        #expect(try DataAPIDateTime.formatTimestamp(base.addingTimeInterval(0.32)) == "2024-01-02 03:04:05.32")
        #expect(try DataAPIDateTime.formatTimestamp(base.addingTimeInterval(0.000001)) == "2024-01-02 03:04:05.000001")
        #expect(try DataAPIDateTime.formatTimestamp(base.addingTimeInterval(0.9999996)) == "2024-01-02 03:04:06")
        #expect(try DataAPIDateTime.formatTimestamp(Date(timeIntervalSince1970: -0.5)) == "1969-12-31 23:59:59.5")
        #expect(try DataAPIDateTime.formatTimestamp(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-01 00:00:00")
        #expect(try DataAPIDateTime.formatTimestamp(Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31 23:59:59")
        #expect(try DataAPIDateTime.formatDate(base) == "2024-01-02")
        #expect(DataAPIDateTime.formatTime(DataAPITime(hour: 7, minute: 8, second: 9, nanosecond: 500_000)!) == "07:08:09.0005")
    }

    @Test func refusesDatesOutsideYearsOneToNineThousandNineHundredNinetyNine() {
        for date in [Date.distantFuture.addingTimeInterval(1e12), Date(timeIntervalSinceReferenceDate: .infinity),
            Date(timeIntervalSinceReferenceDate: .nan), Date(timeIntervalSince1970: -62_135_596_801)]
        {
            #expect(throws: DataAPIError.self) { try DataAPIDateTime.formatTimestamp(date) }
        }
        do {
            _ = try DataAPIDateTime.formatTimestamp(Date(timeIntervalSinceReferenceDate: .infinity))
        } catch {
            #expect(error.code == .invalidRequest)
        }
    }

    /// Civil-from-days arithmetic agrees with Foundation's Gregorian calendar for random instants (from 1600, where
    /// Foundation's calendar is Gregorian too), and parsing the formatted text gives back the instant to the
    /// microsecond.
    @Test func agreesWithFoundationAndRoundTrips() throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<5_000 {
            let seconds = Int64.random(in: -11_676_096_000...253_402_300_799, using: &generator)
            let micros = Int64.random(in: 0..<1_000_000, using: &generator)
            let whole = Date(timeIntervalSince1970: TimeInterval(seconds))
            let text = try DataAPIDateTime.formatTimestamp(whole)
            #expect(text == formatter.string(from: whole), "\(seconds)")
            #expect(DataAPIDateTime.parseTimestamp(text) == whole)
            // Microsecond round trip within the range where a Double holds microseconds (years 1700-2300).
            let near = Date(timeIntervalSince1970: TimeInterval(seconds % 9_000_000_000) + Double(micros) / 1e6)
            let parsed = try #require(DataAPIDateTime.parseTimestamp(try DataAPIDateTime.formatTimestamp(near)))
            #expect(abs(parsed.timeIntervalSince(near)) < 1e-6)
            #expect(try DataAPIDateTime.formatTimestamp(parsed) == DataAPIDateTime.formatTimestamp(near))
        }
    }

    @Test func timeDecodesAsARecordProperty() throws {
        struct Shift: Decodable { var starts: DataAPITime }
        let set = try ResultSet(columns: [ColumnMetadata(label: "starts")], records: [[.string("08:30:00.25")]])
        #expect(try set.decode(Shift.self).first?.starts.description == "08:30:00.25")
        let bad = try ResultSet(columns: [ColumnMetadata(label: "starts")], records: [[.string("8:30")]])
        #expect(throws: DataAPIError.self) { try bad.decode(Shift.self) }
    }
}
