import AuroraDataAPI
import AuroraDataAPIModel
import Foundation
import Testing

@Suite("SQLQuery")
struct SQLQueryTests {
    @Test("interpolated values become numbered parameters, never SQL text")
    func interpolation() throws {
        let id = 5
        let name = "Robert'); DROP TABLE students;--"
        let query: SQLQuery = try "SELECT * FROM posts WHERE id = \(id) AND author = \(name)"
        #expect(query.sql == "SELECT * FROM posts WHERE id = :p1 AND author = :p2")
        #expect(query.parameters == [
            SqlParameter(name: "p1", value: .long(5)), SqlParameter(name: "p2", value: .string(name)),
        ])
    }

    @Test("a placeholder never runs into the text after it, so the eleventh parameter stays apart from the first")
    func placeholdersEndWhereTheyShould() throws {
        let query: SQLQuery = try """
            SELECT \(1)1, \(2)_x, \(3)é, \(4)\(unsafeRaw: "9"), \(5)::int, \(6)), \(7) \(8),\(9)\(10)\(11)
            """
        #expect(query.sql == "SELECT :p1 1, :p2 _x, :p3 é, :p4 9, :p5::int, :p6), :p7 :p8,:p9:p10:p11")
        #expect(query.parameters.count == 11)
        #expect(query.parameters.map(\.name) == (1...11).map { "p\($0)" })
        // Every placeholder in the text names exactly the parameter of its position.
        let names = query.sql.split(separator: ":").dropFirst().compactMap { part -> String? in
            let name = part.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            return name.isEmpty || name == "int" ? nil : String(name)
        }
        #expect(names == query.parameters.map(\.name))
    }

    @Test("typed values keep their hints; nil binds NULL")
    func typedValues() throws {
        let price = Decimal(string: "10.50")!
        let deleted: Date? = nil
        let query: SQLQuery = try "UPDATE items SET price = \(price), deleted_at = \(deleted)"
        #expect(query.sql == "UPDATE items SET price = :p1, deleted_at = :p2")
        #expect(query.parameters[0] == SqlParameter(name: "p1", value: .string("10.5"), typeHint: .decimal))
        #expect(query.parameters[1] == SqlParameter(name: "p2", value: .null))
    }

    @Test("raw SQL needs the explicitly named escape hatches")
    func unsafe() throws {
        let table = "posts"
        let query: SQLQuery = try "SELECT count(*) FROM \(unsafeRaw: table) WHERE id > \(10)"
        #expect(query.sql == "SELECT count(*) FROM posts WHERE id > :p1")
        let named = try SQLQuery(unsafeSQL: "SELECT :a, :b", parameters: ["a": 1, "b": "x"])
        #expect(named.sql == "SELECT :a, :b")
        #expect(named.parameters.map(\.name) == ["a", "b"])
        let literal: SQLQuery = "SELECT 1"
        #expect(literal.parameters.isEmpty)
    }

    @Test("a value that cannot be sent fails while building the query")
    func refused() {
        let ids = [1, 2]
        #expect(throws: DataAPIError.self) { let _: SQLQuery = try "SELECT * FROM t WHERE id IN (\(ids))" }
        #expect(throws: DataAPIError.self) { try SQLQuery(unsafeSQL: "SELECT :n", parameters: ["n": UInt64.max]) }
    }
}
