#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import AuroraDataAPI
import AuroraDataAPIModel

/// `aurora-data exec "SQL"`: runs one statement through the Data API (ExecuteStatement) and prints the result.
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html
struct ExecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run one SQL statement through the RDS Data API and print the result.",
        discussion: """
            Parameters are bound by name, never spliced into the SQL: \
            aurora-data exec "SELECT * FROM posts WHERE id = :id" --param id=int:5

            --param types: int:, double:, bool:, date: (YYYY-MM-DD), time: (HH:MM:SS[.f]), \
            timestamp: (YYYY-MM-DD HH:MM:SS[.f], UTC), decimal:, json:, uuid:, blob: (base64), string:, and null. \
            Text without a type prefix is a string.

            JSON output is an array of objects keyed by column label: numbers, booleans, null and strings; \
            DECIMAL values stay strings, blobs are base64.

            \(ExecExitCode.help)
            """)

    @Argument(help: "The SQL statement (or use --sql-file).")
    var sql: String?

    @Option(help: "Read the SQL statement from a file ('-' for stdin).")
    var sqlFile: String?

    @Option(name: .customLong("param"), help: "A parameter name=[type:]value, repeatable.")
    var params: [String] = []

    @Option(help: "Run inside this transaction (from BeginTransaction).")
    var transactionId: String?

    @Flag(help: "Let the statement keep running after the 45 s call timeout (for DDL).")
    var continueAfterTimeout = false

    @Option(help: "Output format: table (default on a terminal), json (default otherwise) or csv.")
    var format: OutputFormat?

    @OptionGroup var connection: ConnectionOptions

    mutating func validate() throws {
        if (sql == nil) == (sqlFile == nil) {
            throw ValidationError("Give the SQL either as an argument or with --sql-file, not both or neither.")
        }
        _ = try parameters()
    }

    func parameters() throws(ValidationError) -> [SqlParameter] {
        var names = Set<String>()
        var result: [SqlParameter] = []
        for argument in params {
            let parameter = try ExecParameter(argument: argument).parameter
            guard names.insert(parameter.name).inserted else {
                throw ValidationError("--param \(parameter.name) is given twice.")
            }
            result.append(parameter)
        }
        return result
    }

    func run() async throws {
        let statement = try readSQL()
        let environment = ProcessInfo.processInfo.environment
        do {
            let client = try connection.makeClient(environment: environment)
            let request = ExecuteStatementRequest(
                resourceArn: client.configuration.resourceArn, secretArn: client.configuration.secretArn,
                sql: statement, database: client.configuration.database,
                parameters: try parameters().nilIfEmpty, transactionId: transactionId,
                includeResultMetadata: true, continueAfterTimeout: continueAfterTimeout ? true : nil)
            let response = try await client.executeStatement(request)
            let outputFormat = format ?? .default(stdoutIsTerminal: isatty(STDOUT_FILENO) == 1)
            print(ResultFormatter(format: outputFormat).render(response), terminator: "")
        } catch let error as DataAPIError {
            StandardError.print(Self.errorText(error))
            throw ExitCode(ExecExitCode.forError(error))
        }
    }

    /// `error: <code>: <message>` plus the request id, HTTP status and database details when known.
    static func errorText(_ error: DataAPIError) -> String {
        var text = "error: \(error.code): \(error.message)\n"
        let details = error.databaseDetails
        if let sqlState = details.sqlState {
            text += "  SQLState: \(sqlState)" + (details.engineErrorCode.map { ", engine error code: \($0)" } ?? "") + "\n"
        }
        if let status = error.httpStatus { text += "  HTTP status: \(status)\n" }
        if let requestId = error.requestId { text += "  request id: \(requestId)\n" }
        if error.code == .internalServerError {
            text += "  The statement may have run: check the data before running it again.\n"
        }
        return text
    }

    private func readSQL() throws -> String {
        if let sql { return sql }
        guard let sqlFile else { return "" }
        let data: Data
        do {
            data = sqlFile == "-" ? Self.readStandardInput() : try Data(contentsOf: URL(fileURLWithPath: sqlFile))
        } catch {
            throw ValidationError("--sql-file \(sqlFile) cannot be read: \(error)")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard !text.allSatisfy(\.isWhitespace) else { throw ValidationError("--sql-file \(sqlFile) is empty.") }
        return text
    }

    private static func readStandardInput() -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            guard count > 0 else { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return data
    }
}

extension Array {
    fileprivate var nilIfEmpty: Self? { isEmpty ? nil : self }
}
