import Testing

/// The conformance `@DataAPIRecord` writes for each shape of struct the synthesized `Decodable` handles.
@Suite struct DataAPIRecordMacroTests {
    @Test func plainStructReadsStoredPropertiesIntoTheMemberwiseInitializer() {
        assertRecordExpansion(
            """
            @DataAPIRecord
            struct Product: Decodable {
                var id: Int64
                let name: String
                var `default`: Bool
                var total: Double { 1 }
                static var shared: Int = 0
                var price: Double {
                    get { 0 }
                    set {}
                }
                var count: Int {
                    didSet {}
                }
            }
            """,
            expandedSource: """
                struct Product: Decodable {
                    var id: Int64
                    let name: String
                    var `default`: Bool
                    var total: Double { 1 }
                    static var shared: Int = 0
                    var price: Double {
                        get { 0 }
                        set {}
                    }
                    var count: Int {
                        didSet {}
                    }
                }

                extension Product: RecordDecodable {
                    static let recordKeys: [String] = ["id", "name", "default", "count"]

                    init(record: inout RecordCursor) throws(DataAPIError) {
                        let id = try record.decode(Int64.self)
                        let name = try record.decode(String.self)
                        let `default` = try record.decode(Bool.self)
                        let count = try record.decode(Int.self)
                        self.init(id: id, name: name, default: `default`, count: count)
                    }
                }
                """)
    }

    @Test func optionalPropertiesReadOptionals() {
        assertRecordExpansion(
            """
            @DataAPIRecord
            struct Note {
                var a: String?
                var b: Optional<Int>
                var c: Swift.Optional<[Int]>
                var d: Date!
                var e: [String?]
                var f, g: Int?
            }
            """,
            expandedSource: """
                struct Note {
                    var a: String?
                    var b: Optional<Int>
                    var c: Swift.Optional<[Int]>
                    var d: Date!
                    var e: [String?]
                    var f, g: Int?
                }

                extension Note: RecordDecodable {
                    static let recordKeys: [String] = ["a", "b", "c", "d", "e", "f", "g"]

                    init(record: inout RecordCursor) throws(DataAPIError) {
                        let a = try record.decode(String?.self)
                        let b = try record.decode(Int?.self)
                        let c = try record.decode([Int]?.self)
                        let d = try record.decode(Date?.self)
                        let e = try record.decode([String?].self)
                        let f = try record.decode(Int?.self)
                        let g = try record.decode(Int?.self)
                        self.init(a: a, b: b, c: c, d: d, e: e, f: f, g: g)
                    }
                }
                """)
    }

    @Test func codingKeysGiveTheKeysTheirOrderAndTheRawValues() {
        assertRecordExpansion(
            """
            @DataAPIRecord
            struct Event: Decodable {
                var id: Int
                var createdAt: Date
                var title: String
                var cached: Bool = false
                enum CodingKeys: String, CodingKey {
                    case title, createdAt = "created_at"
                    case id
                }
            }
            """,
            expandedSource: """
                struct Event: Decodable {
                    var id: Int
                    var createdAt: Date
                    var title: String
                    var cached: Bool = false
                    enum CodingKeys: String, CodingKey {
                        case title, createdAt = "created_at"
                        case id
                    }
                }

                extension Event: RecordDecodable {
                    static let recordKeys: [String] = ["title", "created_at", "id"]

                    init(record: inout RecordCursor) throws(DataAPIError) {
                        let title = try record.decode(String.self)
                        let createdAt = try record.decode(Date.self)
                        let id = try record.decode(Int.self)
                        self.init(id: id, createdAt: createdAt, title: title)
                    }
                }
                """)
    }

    @Test func defaultsAreReadButALetWithAValueIsNot() {
        assertRecordExpansion(
            """
            @DataAPIRecord
            struct Settings: Decodable {
                var limit: Int = 10
                let kind: String = "settings"
                let record: String
            }
            """,
            expandedSource: """
                struct Settings: Decodable {
                    var limit: Int = 10
                    let kind: String = "settings"
                    let record: String
                }

                extension Settings: RecordDecodable {
                    static let recordKeys: [String] = ["limit", "record"]

                    init(record record_: inout RecordCursor) throws(DataAPIError) {
                        let limit = try record_.decode(Int.self)
                        let record = try record_.decode(String.self)
                        self.init(limit: limit, record: record)
                    }
                }
                """)
    }

    @Test func anExplicitInitializerMeansAssigningEachProperty() {
        assertRecordExpansion(
            """
            @DataAPIRecord
            struct Point: Decodable {
                var x: Double
                var y: Double?
                init(x: Double) { self.x = x }
            }
            """,
            expandedSource: """
                struct Point: Decodable {
                    var x: Double
                    var y: Double?
                    init(x: Double) { self.x = x }
                }

                extension Point: RecordDecodable {
                    static let recordKeys: [String] = ["x", "y"]

                    init(record: inout RecordCursor) throws(DataAPIError) {
                        let x = try record.decode(Double.self)
                        let y = try record.decode(Double?.self)
                        self.x = x
                        self.y = y
                    }
                }
                """)
    }

    @Test func aPublicStructGetsPublicMembers() {
        assertRecordExpansion(
            """
            @DataAPIRecord
            public struct Row: Decodable {
                public var id: Int
            }
            """,
            expandedSource: """
                public struct Row: Decodable {
                    public var id: Int
                }

                extension Row: RecordDecodable {
                    public static let recordKeys: [String] = ["id"]

                    public init(record: inout RecordCursor) throws(DataAPIError) {
                        let id = try record.decode(Int.self)
                        self.init(id: id)
                    }
                }
                """)
    }
}
