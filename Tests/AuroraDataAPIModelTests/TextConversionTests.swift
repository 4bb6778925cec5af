import Foundation
import Testing

@testable import AuroraDataAPIModel

@Suite struct TextConversionTests {
    private func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = text
        return text.withUTF8(body)
    }

    @Test func decimalsParseExactly() throws {
        let cases: [(String, String)] = [
            ("0", "0"), ("-0", "0"), ("1234.50", "1234.5"), ("-0.01", "-0.01"), ("99999999.99", "99999999.99"),
            ("123456789012345.6789", "123456789012345.6789"), ("1e3", "1000"), ("+7", "7"), ("0.000", "0"),
            ("12345678901234567890123456789012345678", "12345678901234567890123456789012345678"),
            ("-1234567890.1234567890123456789", "-1234567890.1234567890123456789"),
        ]
        for (text, expected) in cases {
            let value = try #require(NumberText.decimal(text), "\(text)")
            #expect(value == Decimal(string: expected), "\(text)")
        }
        for text in ["", "-", ".", "1.2.3", "abc", "1e", "12a", "NaN", "123456789012345678901234567890123456789"] {
            #expect(NumberText.decimal(text) == nil, "\(text)")
        }
        // Trailing zeros beyond 38 digits only move the exponent.
        #expect(NumberText.decimal("1" + String(repeating: "0", count: 45)) == Decimal(string: "1e45"))
    }

    @Test func doublesAreCorrectlyRounded() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let text = "\(value)"
            #expect(withBytes(text) { NumberText.double(bytes: $0) } == value, "\(text)")
        }
        for text in ["0.1", "1.5e-10", "123456.789", "-1.25E-3", "17976931348623157e292", "4.9e-324", "1e400"] {
            #expect(withBytes(text) { NumberText.double(bytes: $0) } == Double(text), "\(text)")
        }
        #expect(withBytes("NaN") { NumberText.double(bytes: $0) }?.isNaN == true)
        #expect(withBytes("-Infinity") { NumberText.double(bytes: $0) } == -.infinity)
        #expect(withBytes("1,5") { NumberText.double(bytes: $0) } == nil)
    }

    @Test func integersRefuseOverflowAndJunk() {
        #expect(withBytes("9223372036854775807") { NumberText.integer(bytes: $0, as: Int64.self) } == .max)
        #expect(withBytes("-9223372036854775808") { NumberText.integer(bytes: $0, as: Int64.self) } == .min)
        #expect(withBytes("9223372036854775808") { NumberText.integer(bytes: $0, as: Int64.self) } == nil)
        #expect(withBytes("18446744073709551615") { NumberText.integer(bytes: $0, as: UInt64.self) } == .max)
        #expect(withBytes("18446744073709551616") { NumberText.integer(bytes: $0, as: UInt64.self) } == nil)
        #expect(withBytes("-1") { NumberText.integer(bytes: $0, as: UInt64.self) } == nil)
        #expect(withBytes("-0") { NumberText.integer(bytes: $0, as: UInt64.self) } == 0)
        for junk in ["", "-", "1.0", "1e3", " 1", "0x10"] {
            #expect(withBytes(junk) { NumberText.integer(bytes: $0, as: Int.self) } == nil, "\(junk)")
        }
    }

    /// Plain decimal numbers of every shape (signs, leading zeros, a point anywhere, up to 22 digits) read as the
    /// standard library and Foundation read them.
    @Test func decimalNumbersParseAsTheStandardLibraryDoes() {
        var generator = SeededGenerator(seed: 65)
        for _ in 0..<20_000 {
            func digits(_ count: Int) -> String {
                String((0..<count).map { _ in "0000123456789".randomElement(using: &generator)! })
            }
            let sign = ["", "-", "+"].randomElement(using: &generator)!
            let integer = digits(Int.random(in: 0...12, using: &generator))
            let fraction = Bool.random(using: &generator) ? "." + digits(Int.random(in: 0...10, using: &generator)) : ""
            let text = sign + integer + fraction
            let double = withBytes(text) { NumberText.double(bytes: $0) }
            let decimal = withBytes(text) { NumberText.decimal(bytes: $0) }
            if integer.isEmpty && fraction.count < 2 {
                #expect(double == nil && decimal == nil, "\(text)")
                continue
            }
            #expect(double == Double(text), "\(text)")
            let digitsOnly = (integer + fraction.dropFirst()).drop { $0 == "0" }
            if digitsOnly.count <= 38 {
                #expect(decimal == Decimal(string: text), "\(text)")
            }
        }
    }

    /// Every integer type against the standard library's parsing, around each type's limits and at every length
    /// (the fast path takes up to 19 digits, the checked one longer runs).
    @Test func integersParseAsTheStandardLibraryDoes() {
        func check<I: FixedWidthInteger>(_ type: I.Type, _ generator: inout SeededGenerator) {
            var texts = ["\(I.max)", "\(I.min)", "-0", "+0", "+\(I.max)", "00000000000000000000001"]
            for length in 1...22 {
                let digits = String((0..<length).map { _ in "0123456789".randomElement(using: &generator)! })
                texts += [digits, "-" + digits, "+" + digits]
            }
            for limit in [I.max, I.min] {
                let text = "\(limit)"
                texts += [String(text.dropLast()) + "9", String(text.dropLast()) + "0", text + "0"]
            }
            for text in texts {
                #expect(withBytes(text) { NumberText.integer(bytes: $0, as: I.self) } == I(text), "\(I.self) \(text)")
            }
        }
        var generator = SeededGenerator(seed: 64)
        for _ in 0..<20 {
            check(Int.self, &generator)
            check(Int8.self, &generator)
            check(Int16.self, &generator)
            check(Int32.self, &generator)
            check(Int64.self, &generator)
            check(UInt.self, &generator)
            check(UInt8.self, &generator)
            check(UInt16.self, &generator)
            check(UInt32.self, &generator)
            check(UInt64.self, &generator)
        }
    }

    @Test func base64MatchesFoundation() {
        var generator = SeededGenerator(seed: 3)
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Data(bytes).base64EncodedString()
            #expect(Base64.decode(text) == bytes)
            #expect(Base64.decode(String(text.prefix { $0 != "=" })) == bytes, "unpadded")
        }
        for bad in ["A", "AAAAA", "AA=A", "AA AA", "AA\nAA", "****", "AAA=="] {
            #expect(Base64.decode(bad) == nil, "\(bad)")
        }
    }

    @Test func snakeCaseConversionMatchesJSONDecoder() {
        let cases = ["created_at": "createdAt", "id": "id", "_id": "_id", "a__b": "aB", "user_ID": "userId",
            "trailing_": "trailing_", "__x_y__": "__xY__", "": "", "___": "___", "URL_path": "URLPath"]
        for (label, key) in cases {
            #expect(RecordDecodingOptions.camelCase(fromSnakeCase: label) == key, "\(label)")
        }
    }
}

@Suite struct JSONReaderTests {
    private func parse(_ text: String) throws(DataAPIError) -> JSONNode {
        let bytes = Array(text.utf8)
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(DataAPIError) in try JSONNode(parsing: buffer, subject: "test", remedy: "") }
        }
        return try result.get()
    }

    private func string(_ json: String) throws -> String? {
        if case .string(let value) = try parse(json) { return value }
        return nil
    }

    @Test func unescapesStrings() throws {
        #expect(try string(#""a\"b\\c\/d\b\f\n\r\t""#) == "a\"b\\c/d\u{8}\u{c}\n\r\t")
        #expect(try string(#""\u0041\u00e9\u263A\ud83d\ude00""#) == "Aé☺😀")
        #expect(try string("\"Zoë 😀\"") == "Zoë 😀")
        #expect(try string(#""\u0000""#) == "\u{0}")
    }

    @Test func refusesMalformedText() {
        let bad = [
            "", "{", "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[1 2]", "01", "1.", ".5", "-", "1e", "+1",
            "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83d\\u0041\"",
            "\"\u{1}\"", "[1]x", "NaN", "\"a\"\"b\"", "{\"a\":}", "[\"\\", "\"\\u\"",
        ]
        for text in bad {
            #expect(throws: DataAPIError.self, "\(text)") { try parse(text) }
        }
        // Invalid UTF-8: lone continuation, overlong, surrogate, beyond U+10FFFF, truncated sequence.
        for bytes: [UInt8] in [[0x22, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22]]
        {
            let result = bytes.withUnsafeBufferPointer { buffer in
                Result { () throws(DataAPIError) in try JSONNode(parsing: buffer, subject: "test", remedy: "") }
            }
            #expect(throws: DataAPIError.self) { try result.get() }
        }
    }

    @Test func limitsNesting() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try parse(deep)
            Issue.record("deep nesting was accepted")
        } catch {
            #expect(error.code == .malformedResponse)
            #expect(error.message.contains("nesting"))
        }
        _ = try parse(String(repeating: "[", count: 60) + String(repeating: "]", count: 60))
    }

    @Test func numbersKeepTheirText() throws {
        guard case .integer(let big) = try parse("18446744073709551616") else { Issue.record("not an integer"); return }
        #expect(big == "18446744073709551616")
        guard case .number(let fraction) = try parse("-0.5e-3") else { Issue.record("not a number"); return }
        #expect(fraction == "-0.5e-3")
    }
}
