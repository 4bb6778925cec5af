#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A signing time in the SigV4 basic ISO-8601 form `YYYYMMDD'T'HHMMSS'Z'` (UTC), formatted and parsed by hand
/// from epoch seconds (no `DateFormatter`, so no ICU).
///
/// "Create a signed AWS API request", step 2 (credential scope) and the `X-Amz-Date` header:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
struct AmzDate: Sendable, Hashable {
    /// Whole seconds since 1970-01-01T00:00:00Z (the fraction of the `Date` is dropped).
    let epochSeconds: Int64
    /// `YYYYMMDDTHHMMSSZ`.
    let text: String
    /// `YYYYMMDD`, the date of the credential scope (a small string: no allocation).
    let scopeDate: String

    init(_ date: Date) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        self.init(
            epochSeconds: seconds,
            text: String(unsafeUninitializedCapacity: 16) { bytes in
                Self.writeDigits(Int(year % 10_000 + 10_000) % 10_000, width: 4, into: bytes, at: 0)
                Self.writeDigits(month, width: 2, into: bytes, at: 4)
                Self.writeDigits(day, width: 2, into: bytes, at: 6)
                bytes[8] = UInt8(ascii: "T")
                Self.writeDigits(secondOfDay / 3600, width: 2, into: bytes, at: 9)
                Self.writeDigits(secondOfDay / 60 % 60, width: 2, into: bytes, at: 11)
                Self.writeDigits(secondOfDay % 60, width: 2, into: bytes, at: 13)
                bytes[15] = UInt8(ascii: "Z")
                return 16
            })
    }

    private init(epochSeconds: Int64, text: String) {
        self.epochSeconds = epochSeconds
        self.text = text
        var source = text
        // Eight bytes fit in a small string: copying them allocates nothing.
        self.scopeDate = source.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: 8) { scope in
                precondition(bytes.count >= 8, "an X-Amz-Date starts with YYYYMMDD")
                for index in 0..<8 { scope[index] = bytes[index] }
                return 8
            }
        }
    }

    /// Parses `YYYYMMDDTHHMMSSZ`; nil for anything else (including out-of-range fields).
    init?(parsing text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 16, utf8[8] == UInt8(ascii: "T"), utf8[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in utf8[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        let days = Self.daysSinceEpoch(year: Int64(year), month: month, day: day)
        guard Self.civilDate(daysSinceEpoch: days) == (Int64(year), month, day) else { return nil }
        self.init(
            epochSeconds: days * 86_400 + Int64(hour * 3600 + minute * 60 + second),
            text: String(decoding: utf8, as: UTF8.self))
    }

    /// Days since 1970-01-01, rounded down.
    var day: Int64 { epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400 }
    var date: Date { Date(timeIntervalSince1970: TimeInterval(epochSeconds)) }

    private static func writeDigits(
        _ value: Int, width: Int, into bytes: UnsafeMutableBufferPointer<UInt8>, at start: Int
    ) {
        var value = value
        for index in stride(from: start + width - 1, through: start, by: -1) {
            bytes[index] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
    }

    /// Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
    private static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int, day: Int) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Day count since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int64, month: Int, day: Int) -> Int64 {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let dayOfYear = Int64((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
