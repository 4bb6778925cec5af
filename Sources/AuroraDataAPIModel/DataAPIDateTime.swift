#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Dates, times and timestamps in the text forms the Data API uses, parsed and formatted by hand (no ICU, no
/// calendars): all arithmetic is proleptic Gregorian, UTC, as in PostgreSQL and MySQL (Foundation's Gregorian
/// calendar switches to Julian before 1582, so dates before then differ from `Calendar`'s by a few days).
///
/// Forms (RDS Data API reference, `SqlParameter.typeHint` and "Data type mapping"):
/// - DATE `YYYY-MM-DD`
/// - TIME `HH:MM:SS[.f]`
/// - TIMESTAMP `YYYY-MM-DD HH:MM:SS[.f]` (space, no zone; the service returns TIMESTAMPTZ already in UTC)
///
/// The fraction has 0 to 9 digits on input (the service trims trailing zeros: `04:58:22.32`); the formatter
/// writes at most 6 (microseconds) and trims trailing zeros the same way.
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html
public enum DataAPIDateTime {
    /// Seconds from 1970-01-01 to 2001-01-01 (`Date`'s reference date).
    static let unixToReferenceDate: Int64 = 978_307_200

    // MARK: - Public text API

    /// Parses a TIMESTAMP `YYYY-MM-DD HH:MM:SS[.f]` as UTC. Also accepts `T` instead of the space and a trailing
    /// `Z` or `±HH[:MM]` offset. Returns nil for anything else (including MySQL's zero date `0000-00-00 ...`).
    public static func parseTimestamp(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parseTimestamp(bytes: $0) }
    }

    /// Parses a DATE `YYYY-MM-DD` as midnight UTC of that day.
    public static func parseDate(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parseDate(bytes: $0) }
    }

    /// Parses a TIME `HH:MM:SS[.f]` (hour 0-23, or exactly `24:00:00`).
    public static func parseTime(_ text: String) -> DataAPITime? {
        var text = text
        return text.withUTF8 { parseTime(bytes: $0) }
    }

    /// Formats a date as a TIMESTAMP `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC, rounded to the microsecond, trailing
    /// fraction zeros trimmed (no fraction at all for whole seconds).
    ///
    /// Use it for `SqlParameter`s with `typeHint: .timestamp`.
    /// - Throws: `.invalidRequest` when the date is not finite or falls outside the years 1...9999.
    public static func formatTimestamp(_ date: Date) throws(DataAPIError) -> String {
        let (days, secondOfDay, microsecond) = try split(date)
        var out: [UInt8] = []
        out.reserveCapacity(26)
        appendDate(days: days, to: &out)
        out.append(UInt8(ascii: " "))
        appendTime(
            hour: Int(secondOfDay / 3600), minute: Int(secondOfDay / 60 % 60), second: Int(secondOfDay % 60),
            nanosecond: Int(microsecond) * 1000, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Formats the UTC calendar day of a date as a DATE `YYYY-MM-DD` (the time of day is dropped).
    /// - Throws: `.invalidRequest` when the date is not finite or falls outside the years 1...9999.
    public static func formatDate(_ date: Date) throws(DataAPIError) -> String {
        let (days, _, _) = try split(date)
        var out: [UInt8] = []
        out.reserveCapacity(10)
        appendDate(days: days, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Formats a time of day as a TIME `HH:MM:SS[.f]`, trailing fraction zeros trimmed.
    public static func formatTime(_ time: DataAPITime) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(18)
        appendTime(hour: time.hour, minute: time.minute, second: time.second, nanosecond: time.nanosecond, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Civil calendar arithmetic (days since 1970-01-01, proleptic Gregorian)

    /// Days from 1970-01-01 to the given civil date (Hinnant's `days_from_civil`).
    package static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01 (Hinnant's `civil_from_days`).
    package static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (month <= 2 ? yearOfEra + era * 400 + 1 : yearOfEra + era * 400, month, day)
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: - Byte-level parsing (used by the row decoder without creating Strings)

    static func parseTimestamp(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        if let start = fixedTimestamp(bytes) {
            var cursor = Cursor(bytes: bytes)
            cursor.index = 19
            guard let nanosecond = cursor.fraction(), let offsetSeconds = cursor.zoneOffset(), cursor.atEnd else {
                return nil
            }
            return date(unixSeconds: start - offsetSeconds, nanosecond: nanosecond)
        }
        var cursor = Cursor(bytes: bytes)
        guard let days = cursor.date(), let separator = cursor.next(),
            separator == UInt8(ascii: " ") || separator == UInt8(ascii: "T"),
            let time = cursor.time(), time.hour < 24
        else { return nil }
        guard let offsetSeconds = cursor.zoneOffset(), cursor.atEnd else { return nil }
        let seconds = days * 86_400 + Int64(time.hour * 3600 + time.minute * 60 + time.second) - offsetSeconds
        return date(unixSeconds: seconds, nanosecond: time.nanosecond)
    }

    /// `YYYY-MM-DD HH:MM:SS` (or with `T`) at the start of `bytes`, read at fixed positions, as seconds since
    /// 1970 before the zone offset: the shape of nearly every TIMESTAMP. Nil when the text has another shape or an
    /// invalid value; the general path then decides.
    @inline(__always)
    private static func fixedTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count >= 19, let text = bytes.baseAddress,
            text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"),
            text[10] == UInt8(ascii: " ") || text[10] == UInt8(ascii: "T"),
            text[13] == UInt8(ascii: ":"), text[16] == UInt8(ascii: ":")
        else { return nil }
        var valid = true
        func number(_ start: Int, _ count: Int) -> Int {
            var value = 0
            for index in start..<start + count {
                let digit = text[index] &- UInt8(ascii: "0")
                valid = valid && digit < 10
                value = value &* 10 &+ Int(digit)
            }
            return value
        }
        let year = number(0, 4), month = number(5, 2), day = number(8, 2)
        let hour = number(11, 2), minute = number(14, 2), second = number(17, 2)
        guard valid, year >= 1, (1...12).contains(month), day >= 1,
            day <= daysInMonth(year: Int64(year), month: Int64(month)), hour < 24, minute < 60, second < 60
        else { return nil }
        let days = daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    static func parseDate(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var cursor = Cursor(bytes: bytes)
        guard let days = cursor.date(), cursor.atEnd else { return nil }
        return date(unixSeconds: days * 86_400, nanosecond: 0)
    }

    static func parseTime(bytes: UnsafeBufferPointer<UInt8>) -> DataAPITime? {
        var cursor = Cursor(bytes: bytes)
        guard let time = cursor.time(), cursor.atEnd else { return nil }
        return time
    }

    private static func date(unixSeconds: Int64, nanosecond: Int) -> Date {
        Date(
            timeIntervalSinceReferenceDate: Double(unixSeconds - unixToReferenceDate) + Double(nanosecond) / 1e9)
    }

    /// Reads the fixed-width fields of the three forms from UTF-8 bytes.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        @inline(__always)
        mutating func next() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        @inline(__always)
        mutating func expect(_ ascii: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: ascii) else { return false }
            index += 1
            return true
        }

        /// Exactly `count` decimal digits.
        @inline(__always)
        mutating func digits(_ count: Int) -> Int? {
            guard bytes.count - index >= count else { return nil }
            var value = 0
            for _ in 0..<count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
                index += 1
            }
            return value
        }

        /// `YYYY-MM-DD` as days since 1970-01-01.
        mutating func date() -> Int64? {
            guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2),
                year >= 1, (1...12).contains(month), day >= 1,
                day <= DataAPIDateTime.daysInMonth(year: Int64(year), month: Int64(month))
            else { return nil }
            return DataAPIDateTime.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
        }

        /// `HH:MM:SS[.f{1,9}]`; hour 24 only as `24:00:00`.
        mutating func time() -> DataAPITime? {
            guard let hour = digits(2), expect(":"), let minute = digits(2), expect(":"), let second = digits(2),
                minute < 60, second < 60
            else { return nil }
            guard let nanosecond = fraction() else { return nil }
            guard hour < 24 || (hour == 24 && minute == 0 && second == 0 && nanosecond == 0) else { return nil }
            return DataAPITime(uncheckedHour: hour, minute: minute, second: second, nanosecond: nanosecond)
        }

        /// `.f{1,9}` as nanoseconds, 0 without a point; nil for a point without digits.
        @inline(__always)
        mutating func fraction() -> Int? {
            guard expect(".") else { return 0 }
            var nanosecond = 0
            var count = 0
            while index < bytes.count, count < 9 {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                nanosecond = nanosecond * 10 + Int(digit)
                count += 1
                index += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<9 { nanosecond *= 10 }
            return nanosecond
        }

        /// Nothing, `Z`, `±HH`, `±HHMM` or `±HH:MM`, as seconds east of UTC.
        mutating func zoneOffset() -> Int64? {
            guard let sign = next() else { return 0 }
            if sign == UInt8(ascii: "Z") { return 0 }
            guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), let hours = digits(2), hours < 16 else {
                return nil
            }
            var minutes = 0
            if !atEnd {
                _ = expect(":")
                guard let value = digits(2), value < 60 else { return nil }
                minutes = value
            }
            let offset = Int64(hours * 3600 + minutes * 60)
            return sign == UInt8(ascii: "+") ? offset : -offset
        }
    }

    // MARK: - Formatting

    /// Splits a date into days since 1970, second of the day and microsecond, rounded to the microsecond.
    private static func split(_ date: Date) throws(DataAPIError) -> (days: Int64, second: Int64, microsecond: Int64) {
        let interval = date.timeIntervalSinceReferenceDate
        // 0001-01-01 and 10000-01-01 (proleptic Gregorian, as PostgreSQL and MySQL count) relative to 2001-01-01.
        guard interval.isFinite, interval >= -63_113_904_000, interval < 252_423_993_600 else {
            throw DataAPIError(
                code: .invalidRequest,
                message: "The date \(interval) s from 2001-01-01 is outside the years 1...9999 that a DATE or TIMESTAMP can carry; pass a date in that range.")
        }
        let whole = interval.rounded(.down)
        var microsecond = Int64(((interval - whole) * 1e6).rounded())
        var seconds = Int64(whole) + unixToReferenceDate
        if microsecond == 1_000_000 {
            microsecond = 0
            seconds += 1
        }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (days, seconds - days * 86_400, microsecond)
    }

    private static func appendDate(days: Int64, to out: inout [UInt8]) {
        let (year, month, day) = civilFromDays(days)
        appendDigits(Int(year), count: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(Int(month), count: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(Int(day), count: 2, to: &out)
    }

    private static func appendTime(hour: Int, minute: Int, second: Int, nanosecond: Int, to out: inout [UInt8]) {
        appendDigits(hour, count: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(minute, count: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(second, count: 2, to: &out)
        guard nanosecond > 0 else { return }
        var fraction = nanosecond
        var digitCount = 9
        while fraction % 10 == 0 {
            fraction /= 10
            digitCount -= 1
        }
        out.append(UInt8(ascii: "."))
        appendDigits(fraction, count: digitCount, to: &out)
    }

    /// Appends `value` (non-negative, fewer than `count` + 1 digits) zero-padded to `count` digits.
    private static func appendDigits(_ value: Int, count: Int, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var rest = value
        var position = start + count - 1
        while rest > 0, position >= start {
            out[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            position -= 1
        }
    }
}
