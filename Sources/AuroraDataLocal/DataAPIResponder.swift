#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPIModel
import HTTPTypes
import Hummingbird
import NIOCore

/// Answers the RDS Data API's REST-JSON routes: reads the body (4 MiB limit), checks the SigV4
/// signature, decodes and dispatches the operation, and renders results and errors as the service does,
/// with `x-amzn-RequestId` on every response.
/// https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_Operations.html
struct DataAPIResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let service: DataAPIService
    let authenticator: RequestAuthenticator

    /// The routes of the service model (`POST /<name>`, no query, no labels).
    enum Operation: String {
        case execute = "/Execute"
        case batchExecute = "/BatchExecute"
        case beginTransaction = "/BeginTransaction"
        case commitTransaction = "/CommitTransaction"
        case rollbackTransaction = "/RollbackTransaction"
        case executeSql = "/ExecuteSql"

        /// The operation's name in the service model.
        var name: String {
            switch self {
            case .execute: "ExecuteStatement"
            case .batchExecute: "BatchExecuteStatement"
            case .beginTransaction: "BeginTransaction"
            case .commitTransaction: "CommitTransaction"
            case .rollbackTransaction: "RollbackTransaction"
            case .executeSql: "ExecuteSql"
            }
        }
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        var record = RequestRecord(operation: Operation(rawValue: request.uri.path)?.name ?? request.uri.path)
        var response: Response
        do throws(DataAPIError) {
            response = try await handle(request, record: &record)
        } catch {
            record.errorCode = error.code.rawValue
            response = error.localResponse()
        }
        let requestId = UUID().uuidString.lowercased()
        response.headers[.amznRequestId] = requestId
        if service.configuration.logRequests {
            record.log(to: service.logger, status: response.status.code, requestId: requestId, duration: .now - started)
        }
        return response
    }

    private func handle(_ request: Request, record: inout RequestRecord) async throws(DataAPIError) -> Response {
        let body = try await collectBody(request)
        try authenticator.verify(request, body: body)
        guard request.method == .post, let operation = Operation(rawValue: request.uri.path) else {
            throw DataAPIError(
                code: .unknownOperation,
                message: "Unknown operation \(request.method) \(request.uri.path). The Data API answers POST /Execute, "
                    + "/BatchExecute, /BeginTransaction, /CommitTransaction and /RollbackTransaction."
            )
        }
        switch operation {
        case .execute:
            let call = try DataAPIRequestDecoding.decode(ExecuteStatementRequest.self, from: body)
            record.transactionId = call.transactionId
            return try encode(await service.execute(call))
        case .batchExecute:
            let call = try DataAPIRequestDecoding.decode(BatchExecuteStatementRequest.self, from: body)
            record.transactionId = call.transactionId
            return try encode(await service.batchExecute(call))
        case .beginTransaction:
            let answer = try await service.beginTransaction(
                DataAPIRequestDecoding.decode(BeginTransactionRequest.self, from: body)
            )
            record.transactionId = answer.transactionId
            return try encode(answer)
        case .commitTransaction:
            let call = try DataAPIRequestDecoding.decode(EndTransactionRequest.self, from: body)
            record.transactionId = call.transactionId
            return try encode(await service.commitTransaction(call))
        case .rollbackTransaction:
            let call = try DataAPIRequestDecoding.decode(EndTransactionRequest.self, from: body)
            record.transactionId = call.transactionId
            return try encode(await service.rollbackTransaction(call))
        case .executeSql:
            throw DataAPIError(
                code: .badRequest,
                message: "ExecuteSql isn't supported for Aurora Serverless v2 and provisioned DB clusters. "
                    + "Use ExecuteStatement."
            )
        }
    }

    /// The body, refused with 413 `RequestEntityTooLarge` when headers and body exceed the 4 MiB limit.
    private func collectBody(_ request: Request) async throws(DataAPIError) -> [UInt8] {
        let headerBytes = request.headers.reduce(0) { $0 + $1.name.rawName.utf8.count + $1.value.utf8.count + 4 }
        let limit = max(0, service.configuration.limits.requestBytes - headerBytes)
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw DataAPIError(
                code: .requestEntityTooLarge,
                message: "The request is larger than the Data API's \(service.configuration.limits.requestBytes)-byte "
                    + "limit (headers and body). Send fewer parameter sets per BatchExecuteStatement call."
            )
        } catch {
            throw DataAPIError(code: .serializationException, message: "The request body could not be read: \(error)")
        }
    }

    private func encode(_ value: some Encodable) throws(DataAPIError) -> Response {
        let bytes: Data
        do {
            // PostgreSQL floats can be NaN or infinite, which JSON numbers cannot hold.
            bytes = try DataAPIJSONCoding.encoder().encode(value)
        } catch {
            throw DataAPIError(code: .internalServerError, message: "The response could not be encoded: \(error)")
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
