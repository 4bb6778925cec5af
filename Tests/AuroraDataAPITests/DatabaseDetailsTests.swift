import AuroraDataAPI
import AuroraDataAPIModel
import Testing

@Suite("Database error details")
struct DatabaseDetailsTests {
    @Test("MySQL: error code and SQLState")
    func mysql() {
        let error = DataAPIError(
            code: .databaseError,
            message: "(conn=42) Duplicate entry '1' for key 'PRIMARY'; Error code: 1062; SQLState: 23000")
        #expect(error.databaseDetails.engineErrorCode == 1062)
        #expect(error.databaseDetails.sqlState == "23000")
    }

    @Test("PostgreSQL: SQLState only")
    func postgres() {
        let error = DataAPIError(
            code: .databaseError,
            message: "ERROR: relation \"nope\" does not exist\n  Position: 15; SQLState: 42P01")
        #expect(error.databaseDetails.engineErrorCode == nil)
        #expect(error.databaseDetails.sqlState == "42P01")
    }

    @Test("other messages have no details")
    func none() {
        let error = DataAPIError(code: .badRequest, message: "Transaction is not found")
        #expect(error.databaseDetails.engineErrorCode == nil)
        #expect(error.databaseDetails.sqlState == nil)
    }
}
