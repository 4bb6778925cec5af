import AuroraAWS
import AuroraDataAPI
import Foundation
import SQLKit
import Testing

@testable import AuroraSQLKit

/// SQLKit's bound values as the Data API parameters they become: the field and the type hint of each.
@Suite("SQLKit binds as Data API parameters")
struct BindTests {
    private enum Planet: String, Codable { case gasGiant }
    private struct Wrapper: Encodable {
        let date: Date
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(date)
        }
    }
    private struct Meta: Codable, Equatable {
        var name: String
        var tags: [String]
    }

    private func value(_ bind: any Encodable & Sendable) throws -> DataAPIValue {
        try #require(try AuroraSQLBinds.parameters([bind]).first.map { DataAPIValue($0.value, typeHint: $0.typeHint) })
    }

    @Test("scalars keep their own field and hint")
    func scalars() throws {
        let uuid = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00CF4FC964FF")!
        let instant = Date(timeIntervalSince1970: 1_700_000_000.25)
        #expect(try value(42) == DataAPIValue(.long(42)))
        #expect(try value(Int8(-3)) == DataAPIValue(.long(-3)))
        #expect(try value(2.5) == DataAPIValue(.double(2.5)))
        #expect(try value(true) == DataAPIValue(.bool(true)))
        #expect(try value("text") == DataAPIValue(.string("text")))
        #expect(try value(Decimal(string: "12345678901234567890.123456789")!)
            == DataAPIValue(.string("12345678901234567890.123456789"), typeHint: .decimal))
        #expect(try value(uuid) == DataAPIValue(.string("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), typeHint: .uuid))
        #expect(try value(instant) == DataAPIValue(.string("2023-11-14 22:13:20.25"), typeHint: .timestamp))
        #expect(try value(SQLDate(instant)) == DataAPIValue(.string("2023-11-14"), typeHint: .date))
        #expect(try value(DataAPITime(hour: 7, minute: 5, second: 9, nanosecond: 500_000_000)!)
            == DataAPIValue(.string("07:05:09.5"), typeHint: .time))
        #expect(try value([UInt8]([0, 255])) == DataAPIValue(.blob([0, 255])))
        #expect(try value(Data([1, 2])) == DataAPIValue(.blob([1, 2])))
    }

    @Test("nil is NULL; an optional value is the value")
    func optionals() throws {
        #expect(try value(String?.none) == DataAPIValue(.null))
        #expect(try value(Int?.some(7)) == DataAPIValue(.long(7)))
        #expect(try value(UUID??.some(.none)) == DataAPIValue(.null))
    }

    @Test("a value that encodes one scalar becomes that scalar, with its hint")
    func singleValueTypes() throws {
        #expect(try value(Planet.gasGiant) == DataAPIValue(.string("gasGiant")))
        #expect(try value(Wrapper(date: Date(timeIntervalSince1970: 0)))
            == DataAPIValue(.string("1970-01-01 00:00:00"), typeHint: .timestamp))
    }

    @Test("arrays, sets and structures travel as JSON text with the JSON hint")
    func structured() throws {
        #expect(try value([1, 2, 3]) == DataAPIValue(.string("[1,2,3]"), typeHint: .json))
        #expect(try value(["a"] as Set<String>) == DataAPIValue(.string(#"["a"]"#), typeHint: .json))
        #expect(try value(Meta(name: "x", tags: ["t"])) == DataAPIValue(.string(#"{"name":"x","tags":["t"]}"#), typeHint: .json))
        #expect(try value(["k": 1]) == DataAPIValue(.string(#"{"k":1}"#), typeHint: .json))
    }

    @Test("a value the Data API cannot carry is refused with the reason")
    func refused() {
        #expect { try value(UInt64.max) } throws: { error in
            (error as? DataAPIError)?.code == .invalidRequest
        }
    }

    @Test("placeholders are :b1, :b2, ... in both dialects, matching the parameter names")
    func placeholders() throws {
        for engine in AuroraSQLEngine.allCases {
            let (sql, binds) = offlineDatabase(engine).serialize(SQLBinaryExpression(SQLBind(1), .equal, SQLBind("x")))
            #expect(sql == ":b1 = :b2")
            #expect(try AuroraSQLBinds.parameters(binds).map(\.name) == ["b1", "b2"])
        }
    }
}

/// A database whose client is never called: for serializing SQL.
func offlineDatabase(_ engine: AuroraSQLEngine) -> AuroraSQLDatabase {
    let client = DataAPIClient(
        configuration: .init(
            resourceArn: "arn:aws:rds:us-east-1:123456789012:cluster:offline", secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:offline",
            region: "us-east-1", endpoint: "http://127.0.0.1:9"),
        credentialProvider: StaticCredentialProvider(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "offline"),
        transport: AsyncHTTPClientTransport())
    return AuroraSQLDatabase(client: client, engine: engine)
}
