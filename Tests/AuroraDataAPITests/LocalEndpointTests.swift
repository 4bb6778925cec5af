import AuroraDataAPI
import AuroraDataAPIModel
import AuroraDatabaseDrivers
import AuroraDataLocalTestSupport
import Foundation
import Testing

/// The client end to end: real HTTP to the local Data API endpoint on real PostgreSQL and MariaDB.
@Suite("Client against the local endpoint")
struct LocalEndpointTests {
    struct Item: Decodable, Equatable {
        var id: Int64
        var name: String
        var price: Decimal
        var ratio: Double
        var active: Bool
        var created: Date?
        var payload: Data?
    }

    static func client(_ engine: DatabaseEngine) async throws -> DataAPIClient {
        let endpoint = try await LocalEndpointFixture.shared(engine)
        let database = try await endpoint.makeDatabase("client")
        let client = endpoint.client(database: database)
        let blob = engine == .postgresql ? "BYTEA" : "BLOB"
        try await client.execute("""
            CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, price DECIMAL(10,2) NOT NULL,
            ratio DOUBLE PRECISION NOT NULL, active BOOLEAN NOT NULL, created TIMESTAMP NULL, payload \(unsafeRaw: blob) NULL)
            """)
        return client
    }

    @Test("typed parameters in, typed records out", arguments: [DatabaseEngine.postgresql, .mysql])
    func roundTrip(_ engine: DatabaseEngine) async throws {
        let client = try await Self.client(engine)
        let created = Date(timeIntervalSince1970: 1_700_000_000)
        let name = "O'Brien; DROP TABLE items;--"
        let inserted = try await client.execute("""
            INSERT INTO items (id, name, price, ratio, active, created, payload)
            VALUES (\(1), \(name), \(Decimal(string: "12.50")!), \(0.25), \(true), \(created), \(Data([0, 1, 255])))
            """)
        #expect(inserted.numberOfRecordsUpdated == 1)
        let missing: Date? = nil
        try await client.execute("""
            INSERT INTO items (id, name, price, ratio, active, created, payload)
            VALUES (\(2), \("plain"), \(Decimal(0)), \(-1.5), \(false), \(missing), \(Data?.none))
            """)

        let items = try await client.query(Item.self, "SELECT id, name, price, ratio, active, created, payload FROM items ORDER BY id")
        #expect(items == [
            Item(id: 1, name: name, price: Decimal(string: "12.5")!, ratio: 0.25, active: true, created: created, payload: Data([0, 1, 255])),
            Item(id: 2, name: "plain", price: 0, ratio: -1.5, active: false, created: nil, payload: nil),
        ])
        let count = try await client.query(Int.self, "SELECT count(*) FROM items WHERE name = \(name)")
        #expect(count == [1])
    }

    @Test("NaN and infinities round-trip as parameters and values on PostgreSQL")
    func nonFiniteDoublesOnPostgreSQL() async throws {
        let client = try await Self.client(.postgresql)
        for (id, ratio) in [(1, Double.nan), (2, .infinity), (3, -.infinity)] {
            try await client.execute("""
                INSERT INTO items (id, name, price, ratio, active) VALUES (\(id), \("r"), \(Decimal(1)), \(ratio), \(true))
                """)
        }
        let ratios = try await client.query(Double.self, "SELECT ratio FROM items ORDER BY id")
        #expect(ratios.count == 3 && ratios[0].isNaN && ratios[1] == .infinity && ratios[2] == -.infinity)
        let stored = try await client.query(String.self, "SELECT ratio::text FROM items ORDER BY id")
        #expect(stored == ["NaN", "Infinity", "-Infinity"])
        let narrow = try await client.query(Float.self, "SELECT 'NaN'::real UNION ALL SELECT '-Infinity'::real")
        #expect(narrow.count == 2 && narrow[0].isNaN && narrow[1] == -.infinity)
        struct Series: Decodable { var values: [Double?] }
        let series = try await client.query(Series.self, "SELECT ARRAY['NaN'::float8, NULL, 'Infinity'] AS values")
        let values = try #require(series.first?.values)
        #expect(values.count == 3 && values[0]!.isNaN && values[1] == nil && values[2] == .infinity)
        let error = await #expect(throws: DataAPIError.self) { try await client.query(Int.self, "SELECT 'NaN'::float8") }
        #expect(error?.code == .decodingFailed && error?.message.contains("row 0, column 0") == true)
    }

    @Test("MySQL has no NaN: a NaN parameter is refused with a clear error and nothing is written")
    func nonFiniteDoubleOnMySQL() async throws {
        let client = try await Self.client(.mysql)
        let error = await #expect(throws: DataAPIError.self) {
            try await client.execute("""
                INSERT INTO items (id, name, price, ratio, active) VALUES (\(1), \("r"), \(Decimal(1)), \(Double.nan), \(true))
                """)
        }
        #expect(error?.message.contains("NaN, which MySQL cannot store") == true, "\(String(describing: error))")
        #expect(try await client.query(Int.self, "SELECT count(*) FROM items") == [0])
    }

    @Test("withTransaction commits on success and rolls back on error", arguments: [DatabaseEngine.postgresql, .mysql])
    func transactions(_ engine: DatabaseEngine) async throws {
        struct Abort: Error {}
        let client = try await Self.client(engine)
        try await client.withTransaction { tx in
            try await tx.execute("INSERT INTO items (id, name, price, ratio, active) VALUES (\(1), \("kept"), \(1), \(1.0), \(true))")
        }
        await #expect(throws: Abort.self) {
            try await client.withTransaction { tx in
                try await tx.execute("INSERT INTO items (id, name, price, ratio, active) VALUES (\(2), \("dropped"), \(1), \(1.0), \(true))")
                let seen = try await tx.query(String.self, "SELECT name FROM items ORDER BY id")
                #expect(seen == ["kept", "dropped"])
                throw Abort()
            }
        }
        #expect(try await client.query(String.self, "SELECT name FROM items ORDER BY id") == ["kept"])
    }

    @Test("batches insert every set; a duplicate key reports the SQLState", arguments: [DatabaseEngine.postgresql, .mysql])
    func batchAndDatabaseError(_ engine: DatabaseEngine) async throws {
        let client = try await Self.client(engine)
        let sets = try (1...50).map { id in
            [try SqlParameter(name: "id", id), try SqlParameter(name: "name", "item \(id)")]
        }
        let results = try await client.batchExecute(
            "INSERT INTO items (id, name, price, ratio, active) VALUES (:id, :name, 1, 1, \(true))", parameterSets: sets)
        #expect(results.count == 50)
        #expect(try await client.query(Int.self, "SELECT count(*) FROM items") == [50])

        let error = await #expect(throws: DataAPIError.self) {
            try await client.execute("INSERT INTO items (id, name, price, ratio, active) VALUES (\(1), \("again"), 1, 1, \(true))")
        }
        #expect(error?.databaseDetails.sqlState == (engine == .postgresql ? "23505" : "23000"))
        if engine == .mysql { #expect(error?.databaseDetails.engineErrorCode == 1062) }
    }
}
