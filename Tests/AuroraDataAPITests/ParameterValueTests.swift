import AuroraDataAPI
import AuroraDataAPIModel
import Foundation
import Testing

@Suite("Parameter values")
struct ParameterValueTests {
    @Test("integers become longValue")
    func integers() throws {
        #expect(try 5.dataAPIValue() == DataAPIValue(.long(5)))
        #expect(try Int8(-3).dataAPIValue() == DataAPIValue(.long(-3)))
        #expect(try Int32.max.dataAPIValue() == DataAPIValue(.long(Int64(Int32.max))))
        #expect(try Int64.min.dataAPIValue() == DataAPIValue(.long(.min)))
        #expect(try UInt32.max.dataAPIValue() == DataAPIValue(.long(4_294_967_295)))
        #expect(try UInt64(Int64.max).dataAPIValue() == DataAPIValue(.long(.max)))
    }

    @Test("UInt64 above Int64.max is refused with advice")
    func unsignedOverflow() {
        let error = #expect(throws: DataAPIError.self) { try UInt64.max.dataAPIValue() }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message.contains("Decimal") == true)
        #expect(throws: DataAPIError.self) { try UInt(UInt64.max).dataAPIValue() }
    }

    @Test("scalars, decimals, UUIDs and blobs")
    func scalars() throws {
        #expect(try 1.5.dataAPIValue() == DataAPIValue(.double(1.5)))
        #expect(try Float(0.25).dataAPIValue() == DataAPIValue(.double(0.25)))
        #expect(try true.dataAPIValue() == DataAPIValue(.bool(true)))
        #expect(try "héllo".dataAPIValue() == DataAPIValue(.string("héllo")))
        #expect(try Decimal(string: "12345678901234567890.125")!.dataAPIValue()
            == DataAPIValue(.string("12345678901234567890.125"), typeHint: .decimal))
        let uuid = UUID(uuidString: "123E4567-E89B-12D3-A456-426614174000")!
        #expect(try uuid.dataAPIValue() == DataAPIValue(.string("123e4567-e89b-12d3-a456-426614174000"), typeHint: .uuid))
        #expect(try Data([0, 1, 2]).dataAPIValue() == DataAPIValue(.blob([0, 1, 2])))
        #expect(try [UInt8]([255, 0]).dataAPIValue() == DataAPIValue(.blob([255, 0])))
    }

    @Test("nil is SQL NULL")
    func null() throws {
        let missing: Int? = nil
        #expect(try missing.dataAPIValue() == DataAPIValue(.null))
        #expect(try Optional(7).dataAPIValue() == DataAPIValue(.long(7)))
    }

    @Test("dates, times and days carry their type hints in UTC")
    func dates() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
        #expect(try date.dataAPIValue() == DataAPIValue(.string("2023-11-14 22:13:20.123456"), typeHint: .timestamp))
        #expect(try SQLDate(date).dataAPIValue() == DataAPIValue(.string("2023-11-14"), typeHint: .date))
        let time = try #require(DataAPITime(hour: 4, minute: 58, second: 22, nanosecond: 320_000_000))
        #expect(try time.dataAPIValue() == DataAPIValue(.string("04:58:22.32"), typeHint: .time))
        #expect(throws: DataAPIError.self) { try Date.distantFuture.addingTimeInterval(1e12).dataAPIValue() }
    }

    @Test("JSON documents are sent as text with the JSON hint")
    func json() throws {
        struct Event: Encodable { var kind: String; var tags: [String] }
        let value = try DataAPIJSON(Event(kind: "a/b", tags: ["x"])).dataAPIValue()
        #expect(value == DataAPIValue(.string(#"{"kind":"a/b","tags":["x"]}"#), typeHint: .json))
        #expect(try DataAPIJSON(text: "[1,2]").dataAPIValue() == DataAPIValue(.string("[1,2]"), typeHint: .json))
        let error = #expect(throws: DataAPIError.self) { try DataAPIJSON(Double.nan).dataAPIValue() }
        #expect(error?.code == .invalidRequest)
    }

    @Test("arrays are refused because the service rejects them")
    func arrays() {
        let error = #expect(throws: DataAPIError.self) { try [1, 2, 3].dataAPIValue() }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message.contains("array parameters") == true)
        #expect(throws: DataAPIError.self) { try ["a"].dataAPIValue() }
    }

    @Test("SqlParameter from a Swift value")
    func sqlParameter() throws {
        #expect(try SqlParameter(name: "id", 42) == SqlParameter(name: "id", value: .long(42)))
        #expect(try SqlParameter(name: "price", Decimal(string: "9.99")!)
            == SqlParameter(name: "price", value: .string("9.99"), typeHint: .decimal))
    }
}
