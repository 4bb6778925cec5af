import Foundation
import Testing

@testable import AuroraDataAPIModel

/// Damaged responses (random truncations, byte flips, structural bytes, deletions; fixed seeds) are refused with
/// `.malformedResponse`, or, when still valid, decode or fail with `.decodingFailed`: never a crash or a hang, and
/// never acceptance of text that is not JSON; the RecordDecodable path agrees with the Decodable one.
@Suite struct FuzzTests {
    static let fixtures = [
        "mysql-select.json", "postgres-select.json", "mysql-select-formatted.json", "postgres-select-formatted.json",
        "moto-select.json", "mysql-insert.json",
    ]
    static let structural = Array(#"{}[],:"\0-1eE.tnfu "#.utf8) + [0x80, 0xC3, 0xED, 0xF4, 0xFF, 0x0A, 0x00]

    private func mutate(_ bytes: inout [UInt8], using generator: inout SeededGenerator) {
        guard !bytes.isEmpty else { return }
        let position = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<5, using: &generator) {
        case 0: bytes.removeSubrange(position...)
        case 1: bytes[position] = UInt8.random(in: 0...255, using: &generator)
        case 2: bytes[position] = Self.structural.randomElement(using: &generator)!
        case 3: bytes.remove(at: position)
        default: bytes.insert(Self.structural.randomElement(using: &generator)!, at: position)
        }
    }

    private func isJSON(_ bytes: [UInt8]) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
    }

    private func check(_ bytes: [UInt8], _ name: String, _ iteration: Int) {
        do {
            let response = try ExecuteStatementResponse(json: bytes)
            #expect(isJSON(bytes), "\(name) #\(iteration): accepted text that is not JSON")
            _ = response.records
            let set: ResultSet
            do {
                set = try response.resultSet
            } catch {
                #expect(error.code == .malformedResponse, "\(name) #\(iteration): \(error)")
                return
            }
            for row in set.rows { _ = row.fields }
            let options = RecordDecodingOptions(keyDecodingStrategy: .convertFromSnakeCase)
            do {
                _ = try set.decode(Order.self, options: options)
            } catch {
                #expect(error.code == .decodingFailed, "\(name) #\(iteration): \(error)")
            }
            do {
                _ = try set.decode(Event.self)
            } catch {
                #expect(error.code == .decodingFailed, "\(name) #\(iteration): \(error)")
            }
            // The RecordDecodable path (Order and Event conform) decodes as their Decodable conformance does.
            let orders = set.outcomes(Order.self, options: options)
            #expect(orders.record == orders.decodable, "\(name) #\(iteration)")
            let events = set.outcomes(Event.self, options: .init())
            #expect(events.record == events.decodable, "\(name) #\(iteration)")
        } catch {
            #expect(error.code == .malformedResponse, "\(name) #\(iteration): \(error)")
        }
    }

    @Test(arguments: fixtures.indices)
    func damagedResponsesAreRefusedOrDecodeConsistently(fixture: Int) throws {
        let name = Self.fixtures[fixture]
        let original = try Fixtures.bytes(name)
        var generator = SeededGenerator(seed: 20_261_123 + UInt64(fixture))
        var refused = 0
        for iteration in 0..<2_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...3, using: &generator) { mutate(&bytes, using: &generator) }
            if (try? ExecuteStatementResponse(json: bytes)) == nil { refused += 1 }
            check(bytes, name, iteration)
        }
        #expect(refused > 500, "most damage should be caught (\(refused) of 2000 refused)")
    }

    @Test func damagedFormattedRecordsAreRefusedOrDecode() throws {
        let response = try parseResponse("mysql-select-formatted.json")
        let original = Array(try #require(response.formattedRecords).utf8)
        var generator = SeededGenerator(seed: 99)
        for iteration in 0..<3_000 {
            var bytes = original
            mutate(&bytes, using: &generator)
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let set = try ResultSet(formattedRecords: text)
                #expect(isJSON(Array(text.utf8)), "#\(iteration): accepted text that is not JSON")
                do {
                    _ = try set.decode(Order.self, options: .init(keyDecodingStrategy: .convertFromSnakeCase))
                } catch {
                    #expect(error.code == .decodingFailed)
                }
                let orders = set.outcomes(Order.self, options: .init(keyDecodingStrategy: .convertFromSnakeCase))
                #expect(orders.record == orders.decodable, "#\(iteration)")
            } catch {
                #expect(error.code == .malformedResponse)
            }
        }
    }

    @Test func hostileInputsEndQuickly() throws {
        let hostile: [[UInt8]] = [
            Array(("{\"records\":[[" + String(repeating: "{\"arrayValue\":{\"arrayValues\":[", count: 10_000)).utf8),
            Array(("{\"records\":" + String(repeating: "[", count: 1_000_000)).utf8),
            Array("{\"records\":[[{\"stringValue\":\"\(String(repeating: "\\u00e9", count: 100_000))".utf8),
            [UInt8](repeating: 0x20, count: 1_000_000),
        ]
        for bytes in hostile {
            #expect(throws: DataAPIError.self) { try ExecuteStatementResponse(json: bytes) }
        }
        // A huge integer is valid JSON and a valid longValue shape: it parses, and decoding names it.
        let huge = String(repeating: "9", count: 100_000)
        let response = try ExecuteStatementResponse(json: Array("{\"records\":[[{\"longValue\":\(huge)}]]}".utf8))
        #expect(response.records == [[.string(huge)]])
        #expect(throws: DataAPIError.self) { try response.resultSet.rows[0].decode(UInt64.self, at: 0) }
    }
}

/// Fields encoded with their Codable conformance (what the local endpoint sends) parse back to the same Fields.
@Suite struct FieldRoundTripTests {
    private func randomString(using generator: inout SeededGenerator) -> String {
        let pieces = ["a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "é", "☺", "😀", "𝄞", "\u{7F}", "{}", "\u{FFFD}"]
        return (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    private func randomDouble(using generator: inout SeededGenerator) -> Double {
        while true {
            let value = [Double(bitPattern: generator.next()), Double(Int.random(in: -1000...1000, using: &generator)) / 8,
                0, -0.0, .greatestFiniteMagnitude, .leastNonzeroMagnitude].randomElement(using: &generator)!
            if value.isFinite { return value }
        }
    }

    private func randomArray(depth: Int, using generator: inout SeededGenerator) -> ArrayValue {
        let count = Int.random(in: 0...4, using: &generator)
        func maybe<T>(_ make: (inout SeededGenerator) -> T) -> T? {
            Bool.random(using: &generator) && Bool.random(using: &generator) ? nil : make(&generator)
        }
        switch Int.random(in: 0..<(depth < 3 ? 5 : 4), using: &generator) {
        case 0: return .booleans((0..<count).map { _ in maybe { Bool.random(using: &$0) } })
        case 1: return .longs((0..<count).map { _ in maybe { Int64.random(in: .min ... .max, using: &$0) } })
        case 2: return .doubles((0..<count).map { _ in maybe { randomDouble(using: &$0) } })
        case 3: return .strings((0..<count).map { _ in maybe { randomString(using: &$0) } })
        default: return .arrays((0..<count).map { _ in randomArray(depth: depth + 1, using: &generator) })
        }
    }

    private func randomField(using generator: inout SeededGenerator) -> Field {
        switch Int.random(in: 0..<7, using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .long([Int64.min, Int64.max, 0, Int64.random(in: .min ... .max, using: &generator)].randomElement(using: &generator)!)
        case 3: return .double(randomDouble(using: &generator))
        case 4: return .string(randomString(using: &generator))
        case 5: return .blob((0..<Int.random(in: 0...9, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        default: return .array(randomArray(depth: 0, using: &generator))
        }
    }

    @Test func encodedFieldsParseBackUnchanged() throws {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<500 {
            let width = Int.random(in: 0...6, using: &generator)
            let records = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                (0..<width).map { _ in randomField(using: &generator) }
            }
            let generated = (0..<Int.random(in: 0...2, using: &generator)).map { _ in randomField(using: &generator) }
            let response = ExecuteStatementResponse(
                records: records, numberOfRecordsUpdated: Int64.random(in: 0...10, using: &generator),
                generatedFields: generated)
            let parsed = try ExecuteStatementResponse(json: [UInt8](try JSONEncoder().encode(response)))
            #expect(parsed.records == records)
            #expect(parsed.generatedFields == generated)
            #expect(parsed.numberOfRecordsUpdated == response.numberOfRecordsUpdated)
            let set = try ResultSet(records: records)
            #expect(set.rows.map(\.fields) == records)
        }
    }
}
