#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Numbers from their text (JSON numbers, and the strings the Data API uses for DECIMAL and, with
/// `longReturnType: STRING`, for integers), parsed from UTF-8 bytes without creating Strings on the common path.
///
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ResultSetOptions.html
public enum NumberText {
    /// The parts of a decimal number `[+-]digits[.digits][(e|E)[+-]digits]` (at least one digit in the mantissa).
    struct Parts {
        var isNegative = false
        /// Mantissa digits with the decimal point removed, leading zeros skipped.
        var digits: [UInt8] = []
        /// Power of ten to apply to `digits`.
        var exponent = 0
    }

    // MARK: - Public text API

    /// Parses a decimal number (`-12.50`, `1e3`, `+7`) exactly into a `Decimal`. Returns nil for anything else and for
    /// numbers that need more than 38 significant digits or an exponent outside Decimal's range.
    public static func decimal(_ text: String) -> Decimal? {
        var text = text
        return text.withUTF8 { decimal(bytes: $0) }
    }

    // MARK: - Byte-level parsing

    /// Parses an optionally signed run of decimal digits into `I`; nil on any other byte or on overflow.
    static func integer<I: FixedWidthInteger>(bytes: UnsafeBufferPointer<UInt8>, as type: I.Type = I.self) -> I? {
        var index = 0
        var isNegative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            isNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < bytes.count else { return nil }
        // Up to 19 digits fit a UInt64: no overflow checks per digit, one range check at the end.
        if bytes.count - index <= 19, I.bitWidth <= 64 {
            var magnitude: UInt64 = 0
            while index < bytes.count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                magnitude = magnitude &* 10 &+ UInt64(digit)
                index += 1
            }
            guard isNegative else { return I(exactly: magnitude) }
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return I(exactly: Int64(bitPattern: 0 &- magnitude))
        }
        var value: I = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                isNegative ? shifted.subtractingReportingOverflow(I(digit)) : shifted.addingReportingOverflow(I(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// Parses a decimal number into the nearest Double; also `NaN`, `Infinity`, `-Infinity` (PostgreSQL's spellings).
    static func double(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        // Exact fast path: at most 15 digits and a power of ten that is exact in a Double.
        if let small = smallParts(bytes), small.digitCount <= 15, (-22...22).contains(small.exponent) {
            var value = Double(small.mantissa)
            if small.exponent >= 0 {
                value *= powersOfTen[small.exponent]
            } else {
                value /= powersOfTen[-small.exponent]
            }
            return small.isNegative ? -value : value
        }
        guard parts(bytes) != nil else { return special(bytes) }
        // Correctly rounded slow path for long mantissas and large exponents.
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// The parts of a number with at most 19 significant digits, read without allocating; nil for longer numbers
    /// and anything that is not a plain decimal number (the slow paths decide about those).
    private static func smallParts(
        _ bytes: UnsafeBufferPointer<UInt8>
    ) -> (isNegative: Bool, mantissa: UInt64, digitCount: Int, exponent: Int)? {
        var index = 0
        var isNegative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            isNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        // Integer digits, then fraction digits, in one pass. With at most 19 significant digits the wrapping
        // arithmetic is exact (leading zeros add nothing); longer numbers are refused below.
        let digitsStart = index
        var mantissa: UInt64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            index += 1
        }
        var digitTotal = index - digitsStart
        var exponent = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                index += 1
            }
            exponent = fractionStart - index
            digitTotal -= exponent
        }
        let sawDigit = digitTotal > 0
        var leadingZeros = 0
        for position in digitsStart..<index {
            if bytes[position] == UInt8(ascii: "0") {
                leadingZeros += 1
            } else if bytes[position] != UInt8(ascii: ".") {
                break
            }
        }
        let digitCount = digitTotal - leadingZeros
        guard digitCount <= 19 else { return nil }
        guard sawDigit, exponent > -100 else { return nil }
        if index < bytes.count {
            guard bytes[index] | 0x20 == UInt8(ascii: "e"), bytes.count - index <= 5,
                let power = integer(bytes: UnsafeBufferPointer(rebasing: bytes[(index + 1)...]), as: Int.self)
            else { return nil }
            exponent += power
        }
        return (isNegative, mantissa, digitCount, exponent)
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    private static func special(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.count <= 9 else { return nil }
        switch String(decoding: bytes, as: UTF8.self) {
        case "NaN": return .nan
        case "Infinity", "+Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return nil
        }
    }

    static func decimal(bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        if let small = smallParts(bytes), (-128...127).contains(small.exponent) {
            if small.mantissa == 0 { return Decimal(0) }
            let value = Decimal(
                sign: small.isNegative ? .minus : .plus, exponent: small.exponent, significand: Decimal(small.mantissa))
            return value.isNaN ? nil : value
        }
        guard var parts = parts(bytes) else { return nil }
        // Trailing zeros beyond Decimal's 38 digits only move the exponent.
        while parts.digits.count > 38, parts.digits.last == 0 {
            parts.digits.removeLast()
            parts.exponent += 1
        }
        guard parts.digits.count <= 38 else { return nil }
        if parts.digits.isEmpty { return Decimal(0) }
        var significand = Decimal(0)
        if parts.digits.count <= 19 {
            var mantissa: UInt64 = 0
            for digit in parts.digits { mantissa = mantissa * 10 + UInt64(digit) }
            significand = Decimal(mantissa)
        } else {
            // Two halves: high * 10^count(low) + low, exact within 38 digits.
            let split = parts.digits.count - 19
            var high: UInt64 = 0
            var low: UInt64 = 0
            for digit in parts.digits[..<split] { high = high * 10 + UInt64(digit) }
            for digit in parts.digits[split...] { low = low * 10 + UInt64(digit) }
            significand = Decimal(sign: .plus, exponent: 19, significand: Decimal(high)) + Decimal(low)
        }
        guard (-128...127).contains(parts.exponent) else { return nil }
        let value = Decimal(sign: parts.isNegative ? .minus : .plus, exponent: parts.exponent, significand: significand)
        return value.isNaN ? nil : value
    }

    /// Splits `[+-]digits[.digits][(e|E)[+-]digits]`; nil if the text has any other form.
    static func parts(_ bytes: UnsafeBufferPointer<UInt8>) -> Parts? {
        var parts = Parts()
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            parts.isNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var sawDigit = false
        var sawPoint = false
        parts.digits.reserveCapacity(bytes.count)
        while index < bytes.count {
            let byte = bytes[index]
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                sawDigit = true
                if digit != 0 || !parts.digits.isEmpty { parts.digits.append(digit) }
                if sawPoint { parts.exponent -= 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            index += 1
        }
        guard sawDigit else { return nil }
        if index < bytes.count {
            guard bytes[index] | 0x20 == UInt8(ascii: "e"),
                let exponent = integer(bytes: UnsafeBufferPointer(rebasing: bytes[(index + 1)...]), as: Int32.self),
                abs(Int(exponent)) < 100_000
            else { return nil }
            parts.exponent += Int(exponent)
        }
        if parts.digits.isEmpty { parts.isNegative = false }
        return parts
    }
}
