import Foundation
import Testing

@testable import AuroraDataAPIModel

/// The reader's fast paths (compact `Field`s, strings scanned 8 bytes at a time, UTF-8 through the automaton in two
/// halves, unescaping by whole words) against the general paths and against Foundation, on every length and position.
@Suite struct FastPathTests {
    private func parse(_ json: String) -> ExecuteStatementResponse? {
        try? ExecuteStatementResponse(json: Array(json.utf8))
    }

    private func isJSON(_ bytes: [UInt8]) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
    }

    @Test func compactFieldWordsMatchTheirText() {
        let words: [(UInt64, StaticString)] = [
            (CompactField.string, "{\"string"), (CompactField.stringRest, "Value\":\""), (CompactField.long, "{\"longVa"),
            (CompactField.longRest, "lue\":"), (CompactField.double, "{\"double"), (CompactField.doubleRest, "Value\":"),
            (CompactField.isNull, "{\"isNull"), (CompactField.isNullTrue, "\":true}"), (CompactField.boolean, "{\"boolea"),
            (CompactField.booleanRest, "nValue\":"),
        ]
        for (word, text) in words {
            var expected: UInt64 = 0
            for index in (0..<text.utf8CodeUnitCount).reversed() { expected = expected << 8 | UInt64(text.utf8Start[index]) }
            #expect(word == expected, "\(text)")
        }
    }

    /// Every length up to 40 with one special byte at every position: the string reads back as Foundation reads
    /// it, or both refuse it.
    @Test func stringsOfEveryLengthWithASpecialByteAnywhere() throws {
        let specials: [[UInt8]] = [
            Array(#"\""#.utf8), Array(#"\\"#.utf8), Array(#"\n"#.utf8), Array(#"\u00e9"#.utf8), Array(#"\ud83d\ude00"#.utf8),
            Array("é".utf8), Array("東".utf8), Array("😀".utf8), [0x09], [0x1F], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xFF], [0x80], Array("\u{7F}".utf8),
        ]
        for length in 0...40 {
            for position in 0...length {
                for special in specials {
                    var content = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    content.insert(contentsOf: special, at: position)
                    let json = Array(#"{"records":[[{"stringValue":""#.utf8) + content + Array(#""}]]}"#.utf8)
                    let parsed = try? ExecuteStatementResponse(json: json)
                    let reference = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any]
                    #expect((parsed == nil) == (reference == nil), "length \(length), position \(position), \(special)")
                    guard let parsed, let reference,
                        let records = reference["records"] as? [[[String: String]]], let text = records.first?.first?["stringValue"]
                    else { continue }
                    #expect(parsed.records == [[.string(text)]], "length \(length), position \(position), \(special)")
                    let formatted = try? ResultSet(formattedRecords: "[{\"v\":\(JSONText.quoted(text))}]")
                    #expect(formatted?.rows.first?["v"] == .string(text))
                }
            }
        }
    }

    @Test func automatonAgreesWithTheStandardLibrary() {
        var generator = SeededGenerator(seed: 808)
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
            0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...8, using: &generator)).map { _ in
                Bool.random(using: &generator) ? interesting.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            let offset = bytes.withUnsafeBufferPointer { UTF8Automaton.firstInvalidSequence($0) }
            #expect((offset == bytes.count) == expected, "\(bytes)")
            // Through the reader (control bytes are not allowed in JSON strings, so keep to the rest).
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { continue }
            let json = Array(#"{"records":[[{"stringValue":""#.utf8) + bytes + Array(#""}]]}"#.utf8)
            #expect((try? ExecuteStatementResponse(json: json)) != nil || !expected, "\(bytes)")
            #expect((try? ExecuteStatementResponse(json: json)) == nil || expected, "\(bytes)")
        }
    }

    /// Long text beyond ASCII, damaged at one byte or not: the reader validates it in two halves side by side, so
    /// the damage must be found in either half, at the split and across it, and reported at its first byte.
    @Test func longTextBeyondASCIIIsValidatedInBothHalves() {
        var generator = SeededGenerator(seed: 2_612)
        let pieces = ["a", "word ", "é", "Привет", "東京", "😀", "𝄞", "ça"]
        let damage: [UInt8] = [0x80, 0xBF, 0xC0, 0xC3, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF, UInt8(ascii: "z")]
        let prefix = Array(#"{"records":[[{"stringValue":""#.utf8)
        var invalidCount = 0
        for _ in 0..<4_000 {
            var bytes = Array((0..<Int.random(in: 1...30, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }.joined().utf8)
            if Bool.random(using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = damage.randomElement(using: &generator)!
            }
            let json = prefix + bytes + Array(#""}]]}"#.utf8)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                invalidCount += 1
                let offset = bytes.withUnsafeBufferPointer { UTF8Automaton.firstInvalidSequence($0) }
                #expect(throws: DataAPIError.self, "\(bytes)") { try ExecuteStatementResponse(json: json) }
                do {
                    _ = try ExecuteStatementResponse(json: json)
                } catch {
                    #expect(error.message.contains("expected valid UTF-8"), "\(error.message)")
                    #expect(error.message.contains("at byte \(prefix.count + offset)."), "\(bytes): \(error.message)")
                }
                continue
            }
            #expect((try? ExecuteStatementResponse(json: json))?.records == [[.string(text)]], "\(bytes)")
        }
        #expect(invalidCount > 1_000)
    }

    private func randomText(using generator: inout SeededGenerator) -> String {
        let pieces = ["plain words ", "é", "Привет", "東京", "😀", "\"", "\\", "\n", "\t", "\u{1}", "/", "\u{FFFD}", "12345678", "𝄞"]
        return (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    private func randomField(using generator: inout SeededGenerator) -> Field {
        switch Int.random(in: 0..<7, using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .long(Int64.random(in: .min ... .max, using: &generator))
        case 3: return .double([Double.random(in: -1e6...1e6, using: &generator), .nan, .infinity, -.infinity, 0]
            .randomElement(using: &generator)!)
        case 4: return .string(randomText(using: &generator))
        case 5: return .blob((0..<Int.random(in: 0...12, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        default: return .array(.doubles([1.5, nil, .nan]))
        }
    }

    /// Compact records take the fast paths; the same records pretty-printed take the general ones. Both read the
    /// same, and damaged compact text is refused exactly when it is not JSON.
    @Test func compactAndPrettyRecordsReadTheSameAndDamageIsCaught() throws {
        var generator = SeededGenerator(seed: 20_261_205)
        let compact = DataAPIJSONCoding.encoder()
        let pretty = DataAPIJSONCoding.encoder()
        pretty.outputFormatting = [.prettyPrinted]
        for iteration in 0..<300 {
            let width = Int.random(in: 1...6, using: &generator)
            let records = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                (0..<width).map { _ in randomField(using: &generator) }
            }
            let response = ExecuteStatementResponse(records: records, numberOfRecordsUpdated: 0)
            let fast = [UInt8](try compact.encode(response))
            let general = [UInt8](try pretty.encode(response))
            let fromFast = try ExecuteStatementResponse(json: fast)
            let fromGeneral = try ExecuteStatementResponse(json: general)
            #expect(fromFast.records?.map { $0.map(\.jsonText) } == fromGeneral.records?.map { $0.map(\.jsonText) }, "#\(iteration)")
            #expect(fromFast.records?.map { $0.map(\.jsonText) } == records.map { $0.map(\.jsonText) }, "#\(iteration)")
            for _ in 0..<20 {
                var damaged = fast
                let position = Int.random(in: 0..<damaged.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: damaged[position] = UInt8.random(in: 0...255, using: &generator)
                case 1: damaged.remove(at: position)
                default: damaged.removeSubrange(position...)
                }
                let accepted = (try? ExecuteStatementResponse(json: damaged)) != nil
                if accepted { #expect(isJSON(damaged), "#\(iteration): accepted text that is not JSON") }
            }
        }
    }
}
