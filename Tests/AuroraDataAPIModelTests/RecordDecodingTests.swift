import Foundation
import Testing

@testable import AuroraDataAPIModel

@Suite struct RecordDecodingTests {
    let snake = RecordDecodingOptions(keyDecodingStrategy: .convertFromSnakeCase)

    @Test func decodesMySQLRecordsByLabel() throws {
        let orders = try parseResponse("mysql-select.json").decode(Order.self, options: snake)
        #expect(orders.count == 3)
        let first = orders[0]
        #expect(first.id == 1)
        #expect(first.customerName == "Zoë O'Brien")
        #expect(first.total == Decimal(string: "1234.50"))
        #expect(first.createdAt == utcDate("2024-01-02 03:04:05.12"))
        #expect(first.paid)
        #expect(first.attributes == Order.Attributes(color: "red", sizes: [1, 2, 3], gift: .init(wrapped: true)))
        #expect(first.receipt == Data([0, 1, 2, 255]))
        #expect(first.externalRef == UInt64.max)
        #expect(first.shipDate == utcDate("2024-01-05"))
        #expect(first.shipTime?.description == "17:30:00")
        #expect(first.weight == 2.5)
        #expect(first.priority == 3)

        let second = orders[1]
        #expect(second.customerName == "Tab\tand \"quotes\" ☺ 😀")
        #expect(second.total == Decimal(string: "-0.01"))
        #expect(second.attributes == nil && second.receipt == nil && second.shipDate == nil && second.weight == nil)
        #expect(second.externalRef == 9_223_372_036_854_775_808)
        #expect(!second.paid)

        let third = orders[2]
        #expect(third.attributes == Order.Attributes(color: nil, sizes: [], gift: nil))
        #expect(third.receipt == Data())
        #expect(third.createdAt.timeIntervalSince(utcDate("1999-12-31 23:59:59")) > 0.9999985)
        #expect(third.shipTime == DataAPITime(hour: 0, minute: 0, second: 0, nanosecond: 500_000_000))
        #expect(third.weight == -0.00125)
        #expect(third.priority == -128)
    }

    @Test func decodesPostgreSQLRecordsWithArraysJSONAndUUID() throws {
        let events = try parseResponse("postgres-select.json").decode(Event.self)
        #expect(events.count == 2)
        #expect(events[0].id == UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"))
        #expect(events[0].seq == 9_007_199_254_740_993)
        #expect(events[0].scores == [1, nil, 3])
        #expect(events[0].tags == ["a", "b c", nil])
        #expect(events[0].payload == Event.Payload(kind: "click", x: 10, y: 20.5, meta: .init(ids: [1, 2])))
        #expect(events[0].occurred_at == utcDate("2024-03-10 08:00:00.123456"))
        #expect(events[0].amount == Decimal(string: "123456789012345.6789"))
        #expect(events[0].raw == [0xDE, 0xAD, 0xBE, 0xEF])
        #expect(events[0].active == true)
        #expect(events[0].ratios == [0.5, -1e10])
        #expect(events[1].seq == Int64.min)
        #expect(events[1].scores == [])
        #expect(events[1].tags == nil)
        #expect(events[1].payload == Event.Payload(kind: "a", x: 1, y: 2, meta: nil))
        #expect(events[1].occurred_at == Date(timeIntervalSince1970: 0))
    }

    @Test func formattedRecordsGiveTheSameResults() throws {
        let orders = try parseResponse("mysql-select.json").decode(Order.self, options: snake)
        let formatted = try parseResponse("mysql-select-formatted.json")
        #expect(formatted.records == nil)
        #expect(try formatted.decode(Order.self, options: snake) == orders)
        let events = try parseResponse("postgres-select.json").decode(Event.self)
        #expect(try parseResponse("postgres-select-formatted.json").decode(Event.self) == events)
        // Labels come from the JSON keys, in order.
        #expect(try formatted.resultSet.labels.prefix(3) == ["id", "customer_name", "total"])
    }

    @Test func readsRowsByIndexAndLabel() throws {
        let set = try parseResponse("mysql-select.json").resultSet
        #expect(set.count == 3)
        #expect(set.columns.count == 12)
        let row = set.rows[0]
        #expect(row[0] == .long(1))
        #expect(row["customer_name"] == .string("Zoë O'Brien"))
        #expect(row["receipt"] == .blob([0, 1, 2, 255]))
        #expect(row["no_such_column"] == nil)
        #expect(row[7] == .string("18446744073709551615"))
        #expect(try row.decode(Int.self, at: 0) == 1)
        #expect(try row.decode(String.self, label: "customer_name") == "Zoë O'Brien")
        #expect(try row.decode(Decimal.self, label: "total") == Decimal(string: "1234.50"))
        #expect(try row.decode(Double.self, label: "total") == 1234.5)
        #expect(try row.decode(String.self, label: "total") == "1234.50")
        #expect(try set.rows[1].decode(Int?.self, label: "receipt") == nil)
        #expect(try row.decode(Order.self, options: snake).id == 1)
        #expect(set.rows.map { $0.index } == [0, 1, 2])
        #expect(row.fields.count == 12)
        // The same through formattedRecords.
        let formatted = try parseResponse("mysql-select-formatted.json").resultSet
        #expect(formatted.rows[0]["customer_name"] == .string("Zoë O'Brien"))
        #expect(try formatted.rows[0].decode(Data.self, label: "receipt") == Data([0, 1, 2, 255]))
        #expect(try formatted.rows[2].decode(Double.self, label: "weight") == -0.00125)
    }

    @Test func convertsEveryScalarType() throws {
        struct All: Decodable {
            var int: Int, int8: Int8, int16: Int16, int32: Int32, int64: Int64
            var uint: UInt, uint8: UInt8, uint16: UInt16, uint32: UInt32, uint64: UInt64
            var double: Double, float: Float, bool: Bool, boolFromLong: Bool, string: String
            var decimal: Decimal, decimalAsDouble: Double, date: Date, dateOnly: Date, uuid: UUID
            var data: Data, bytes: [UInt8], bytesFromBase64: Data, longAsString: Int64, nested: [[Int]]
        }
        let columns = [
            "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "double", "float",
            "bool", "boolFromLong", "string", "decimal", "decimalAsDouble", "date", "dateOnly", "uuid", "data", "bytes",
            "bytesFromBase64", "longAsString", "nested",
        ].map { ColumnMetadata(label: $0) }
        let row: [Field] = [
            .long(-5), .long(-128), .long(32767), .long(-2_147_483_648), .long(.max), .long(5), .long(255), .long(65535),
            .long(4_294_967_295), .string("18446744073709551615"), .double(1.5), .double(0.25), .bool(true), .long(0),
            .string("text"), .string("0.10"), .string("12.5"), .string("2024-01-02 03:04:05.5"), .string("2024-01-02"),
            .string("e621e1f8-c36c-495a-93fc-0c247a3e6e5f"), .blob([1, 2]), .blob([3]), .string("AQI="),
            .string("-42"), .array(.arrays([.longs([1, 2]), .longs([3])])),
        ]
        let value = try #require(try ResultSet(columns: columns, records: [row]).decode(All.self).first)
        #expect(value.int == -5 && value.int8 == -128 && value.int16 == 32767 && value.int32 == .min)
        #expect(value.int64 == .max && value.uint == 5 && value.uint8 == 255 && value.uint16 == .max)
        #expect(value.uint32 == .max && value.uint64 == .max && value.double == 1.5 && value.float == 0.25)
        #expect(value.bool && !value.boolFromLong && value.string == "text")
        #expect(value.decimal == Decimal(string: "0.1") && value.decimalAsDouble == 12.5)
        #expect(value.date == utcDate("2024-01-02 03:04:05.5") && value.dateOnly == utcDate("2024-01-02"))
        #expect(value.uuid.uuidString == "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")
        #expect(value.data == Data([1, 2]) && value.bytes == [3] && value.bytesFromBase64 == Data([1, 2]))
        #expect(value.longAsString == -42 && value.nested == [[1, 2], [3]])
    }

    @Test func singleColumnResultsDecodeIntoPlainValues() throws {
        let counts = try ResultSet(columns: [ColumnMetadata(label: "count")], records: [[.long(3)], [.long(4)]])
        #expect(try counts.decode(Int.self) == [3, 4])
        #expect(try counts.decode(Int?.self) == [3, 4])
        let dates = try ResultSet(columns: [ColumnMetadata(label: "d")], records: [[.string("2024-01-01")], [.null]])
        #expect(try dates.decode(Date?.self) == [utcDate("2024-01-01"), nil])
        let rows = try ResultSet(records: [[.long(1), .long(2)], [.long(3), .long(4)]])
        #expect(try rows.decode([Int].self) == [[1, 2], [3, 4]])
    }

    @Test func enumsAndCustomInitializers() throws {
        enum Status: String, Decodable { case open, closed }
        struct Ticket: Decodable { var status: Status }
        let set = try ResultSet(columns: [ColumnMetadata(label: "status")], records: [[.string("open")], [.string("lost")]])
        do {
            _ = try set.decode(Ticket.self)
            Issue.record("an unknown raw value was accepted")
        } catch {
            #expect(error.code == .decodingFailed)
            #expect(error.message.contains("row 1"))
            #expect(error.message.contains("'status'"))
        }
        #expect(try set.rows[0].decode(Ticket.self).status == .open)
    }

    // MARK: - Errors name the row and column

    private func failure<T: Decodable>(
        _ type: T.Type, _ set: ResultSet, options: RecordDecodingOptions = .init()
    ) -> DataAPIError? {
        do {
            _ = try set.decode(type, options: options)
            return nil
        } catch {
            return error
        }
    }

    private func columnFailure<T: Decodable>(_ type: T.Type, _ row: Row) -> DataAPIError? {
        do {
            _ = try row.decode(type, label: "a")
            return nil
        } catch {
            return error
        }
    }

    @Test func nullIntoNonOptionalNamesRowAndColumn() throws {
        struct Strict: Decodable { var id: Int; var attributes: String }
        let error = try #require(failure(Strict.self, try parseResponse("mysql-select.json").resultSet))
        #expect(error.code == .decodingFailed)
        #expect(error.message.contains("row 1, column 5 'attributes' (JSON)"), "\(error.message)")
        #expect(error.message.contains("found NULL"))
        #expect(error.message.contains("Optional"))
    }

    @Test func bigintUnsignedIntoInt64IsAClearError() throws {
        struct Narrow: Decodable { var external_ref: Int64? }
        let error = try #require(failure(Narrow.self, try parseResponse("mysql-select.json").resultSet))
        #expect(error.message.contains("row 0, column 7 'external_ref' (BIGINT UNSIGNED)"), "\(error.message)")
        #expect(error.message.contains("18446744073709551615"))
        struct Tiny: Decodable { var id: Int8; var external_ref: UInt8? }
        let tiny = try #require(failure(Tiny.self, try parseResponse("mysql-select.json").resultSet))
        #expect(tiny.message.contains("row 0, column 7"))
    }

    @Test func wrongTypesAreClearErrors() throws {
        let cases: [(Field, any Decodable.Type, String)] = [
            (.string("abc"), Decimal.self, "stringValue \"abc\""),
            (.string("2024-02-30 00:00:00"), Date.self, "2024-02-30"),
            (.string("not-a-uuid"), UUID.self, "not-a-uuid"),
            (.long(2), Bool.self, "longValue 2"),
            (.bool(true), Int.self, "booleanValue true"),
            (.double(1.5), Int.self, "doubleValue 1.5"),
            (.blob([1]), String.self, "blobValue"),
            (.string("{not json"), [String: Int].self, "not valid JSON"),
            (.string("%%%"), Data.self, "%%%"),
            (.double(1e300), Float.self, "1e+300"),
        ]
        for (field, type, found) in cases {
            let set = try ResultSet(columns: [ColumnMetadata(typeName: "T", label: "a")], records: [[.long(1)], [field]])
            guard let error = columnFailure(type, set.rows[1]) else {
                Issue.record("\(field) decoded into \(type)")
                continue
            }
            #expect(error.code == .decodingFailed)
            #expect(error.message.contains("row 1, column 0 'a' (T)"), "\(error.message)")
            #expect(error.message.contains(found), "\(error.message)")
        }
    }

    @Test func nestedErrorsNameThePathBelowTheColumn() throws {
        struct Tagged: Decodable { var tags: [Int] }
        let set = try ResultSet(columns: [ColumnMetadata(label: "tags")], records: [[.array(.longs([1, nil]))]])
        let error = try #require(failure(Tagged.self, set))
        #expect(error.message.contains("row 0, column 0 'tags', at .tags[1]"), "\(error.message)")
    }

    @Test func missingAndAmbiguousColumns() throws {
        struct Wants: Decodable { var price: Int }
        let set = try ResultSet(columns: [ColumnMetadata(label: "id"), ColumnMetadata(label: "name")], records: [[.long(1), .string("x")]])
        let missing = try #require(failure(Wants.self, set))
        #expect(missing.message.contains("no column is labelled 'price'"))
        #expect(missing.message.contains("id, name"))
        struct Optional: Decodable { var price: Int? }
        #expect(try set.decode(Optional.self).first?.price == nil)

        struct Id: Decodable { var id: Int }
        let twice = try ResultSet(columns: [ColumnMetadata(label: "id"), ColumnMetadata(label: "id")], records: [[.long(1), .long(2)]])
        let ambiguous = try #require(failure(Id.self, twice))
        #expect(ambiguous.message.contains("columns 0, 1"))

        let noMetadata = try ResultSet(records: [[.long(1)], [.long(2)]])
        #expect(noMetadata.columns.count == 1)
        #expect(try noMetadata.rows[1].decode(Int.self, at: 0) == 2)
        let unlabeled = try #require(failure(Id.self, try ResultSet(records: [[.long(1), .long(2)]])))
        #expect(unlabeled.message.contains("includeResultMetadata"))
        #expect(throws: DataAPIError.self) { try noMetadata.rows[0].decode(Int.self, at: 5) }
    }

    @Test func snakeCaseStrategyAppliesToNestedJSON() throws {
        struct Inner: Decodable { var firstName: String }
        struct Outer: Decodable { var personInfo: Inner }
        let set = try ResultSet(columns: [ColumnMetadata(label: "person_info")], records: [[.string(#"{"first_name":"Ada"}"#)]])
        #expect(try set.decode(Outer.self, options: snake).first?.personInfo.firstName == "Ada")
        #expect(throws: DataAPIError.self) { try set.decode(Outer.self) }
    }

    @Test func columnMetadataMustMatchRecords() throws {
        var response = try parseResponse("mysql-select.json")
        response.columnMetadata?.removeLast()
        do {
            _ = try response.resultSet
            Issue.record("mismatched metadata accepted")
        } catch {
            #expect(error.code == .malformedResponse)
        }
    }
}
