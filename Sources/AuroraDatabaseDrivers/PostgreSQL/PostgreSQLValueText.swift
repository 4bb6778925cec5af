import AuroraDataAPIModel

/// Turns PostgreSQL text-format values into Data API `Field`s (the session runs with `TimeZone=UTC`
/// and `DateStyle=ISO`).
enum PostgreSQLValueText {
    static func field(
        _ text: String, type: PostgreSQLType, options: ResultSetOptions?
    ) throws(DatabaseFailure) -> Field {
        switch type.value {
        case .long:
            if options?.longReturnType == .string { return .string(text) }
            return Int64(text).map(Field.long) ?? .string(text)
        case .double:
            return Double(text).map(Field.double) ?? .string(text)
        case .decimal:
            guard options?.decimalReturnType == .doubleOrLong else { return .string(text) }
            if !text.contains("."), let whole = Int64(text) { return .long(whole) }
            return Double(text).map(Field.double) ?? .string(text)
        case .bool:
            return .bool(text == "t")
        case .bit:
            return text.count == 1 ? .bool(text == "1") : .string(text)
        case .text, .timestamp:
            return .string(text)
        case .json:
            return .string(PostgreSQLJSONText.compact(text))
        case .timestampWithZone:
            return .string(utcTimestamp(text))
        case .timeWithZone:
            return .string(utcTime(text))
        case .bytea:
            return .blob(hexBytes(text))
        case .array(let element):
            return .array(try array(text, type: type, element: element))
        case .unsupported:
            throw DatabaseFailure.unsupportedType(type.name)
        }
    }

    // MARK: Arrays

    private static func array(_ text: String, type: PostgreSQLType, element: PostgreSQLType) throws(DatabaseFailure) -> ArrayValue {
        guard let items = parseArray(text) else {
            throw DatabaseFailure.unsupportedType("\(type.name) (multidimensional array)")
        }
        switch element.value {
        case .long: return .longs(items.map { $0.flatMap { Int64($0) } })
        case .double: return .doubles(items.map { $0.flatMap { Double($0) } })
        case .bool: return .booleans(items.map { $0.map { $0 == "t" } })
        case .bit: return .booleans(items.map { $0.map { $0 == "1" } })
        case .timestampWithZone: return .strings(items.map { $0.map(utcTimestamp) })
        case .timeWithZone: return .strings(items.map { $0.map(utcTime) })
        case .decimal, .text, .timestamp: return .strings(items)
        case .json: return .strings(items.map { $0.map(PostgreSQLJSONText.compact) })
        case .bytea, .array, .unsupported: throw DatabaseFailure.unsupportedType(type.name)
        }
    }

    /// Elements of a one-dimensional array literal (`{1,NULL,"a \"b\""}`, optionally `[0:2]={...}`);
    /// nil for a multidimensional array.
    static func parseArray(_ text: String) -> [String?]? {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "[") {
            // Explicit bounds (`[0:2]=`); a second dimension shows as nested braces below.
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            bytes = bytes[bytes.index(after: equals)...]
        }
        guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
        let body = Array(bytes.dropFirst().dropLast())
        if body.isEmpty { return [] }
        var items: [String?] = []
        var index = 0
        while index <= body.count {
            var item: [UInt8] = []
            var quoted = false
            if index < body.count && body[index] == UInt8(ascii: "{") { return nil }
            if index < body.count && body[index] == UInt8(ascii: "\"") {
                quoted = true
                index += 1
                while index < body.count && body[index] != UInt8(ascii: "\"") {
                    if body[index] == UInt8(ascii: "\\") { index += 1 }
                    if index < body.count { item.append(body[index]) }
                    index += 1
                }
                index += 1
            } else {
                while index < body.count && body[index] != UInt8(ascii: ",") {
                    item.append(body[index])
                    index += 1
                }
            }
            let value = String(decoding: item, as: UTF8.self)
            items.append(!quoted && value.uppercased() == "NULL" ? nil : value)
            index += 1  // the comma
        }
        return items
    }

    // MARK: Time zones

    /// `YYYY-MM-DD HH:MM:SS[.f]±HH[:MM[:SS]]` converted to UTC, without the offset.
    static func utcTimestamp(_ text: String) -> String {
        guard let (local, offset) = splitOffset(text, searchFrom: 19) else { return text }
        let bytes = Array(local.utf8)
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: " "),
              let year = Int(local.prefix(4)), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
              let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2)
        else { return text }
        let fraction = String(decoding: bytes[19...], as: UTF8.self)
        let localDays = DataAPIDateTime.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
        let seconds = Int(localDays) * 86_400 + hour * 3600 + minute * 60 + second - offset
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (y, m, d) = DataAPIDateTime.civilFromDays(Int64(days))
        return "\(pad(Int(y), 4))-\(pad(Int(m), 2))-\(pad(Int(d), 2)) \(clock(secondOfDay))\(fraction)"
    }

    /// `HH:MM:SS[.f]±HH[:MM[:SS]]` converted to UTC, without the offset.
    static func utcTime(_ text: String) -> String {
        guard let (local, offset) = splitOffset(text, searchFrom: 8) else { return text }
        let bytes = Array(local.utf8)
        guard bytes.count >= 8, let hour = number(bytes, 0, 2), let minute = number(bytes, 3, 2),
              let second = number(bytes, 6, 2)
        else { return text }
        let seconds = ((hour * 3600 + minute * 60 + second - offset) % 86_400 + 86_400) % 86_400
        return clock(seconds) + String(decoding: bytes[8...], as: UTF8.self)
    }

    private static func splitOffset(_ text: String, searchFrom: Int) -> (String, Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count > searchFrom,
              let sign = bytes[searchFrom...].firstIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") })
        else { return nil }
        let parts = String(decoding: bytes[(sign + 1)...], as: UTF8.self).split(separator: ":").map { Int($0) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        let values = parts.compactMap { $0 }
        var offset = values[0] * 3600
        if values.count > 1 { offset += values[1] * 60 }
        if values.count > 2 { offset += values[2] }
        if bytes[sign] == UInt8(ascii: "-") { offset = -offset }
        return (String(decoding: bytes[..<sign], as: UTF8.self), offset)
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        return Int(String(decoding: bytes[start..<(start + count)], as: UTF8.self))
    }

    private static func clock(_ secondOfDay: Int) -> String {
        "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }


    // MARK: bytea

    /// Decodes bytea hex output (`\x0a1b...`).
    static func hexBytes(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8.dropFirst(2))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index + 1 < digits.count {
            bytes.append(hexValue(digits[index]) << 4 | hexValue(digits[index + 1]))
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: digit &- UInt8(ascii: "A") &+ 10
        }
    }
}
