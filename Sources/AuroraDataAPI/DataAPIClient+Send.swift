#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraAWS
import AuroraDataAPIModel
import AuroraSigV4
import Logging

extension DataAPIClient {
    /// Encodes `body`, signs and sends it to `operation`'s path, retrying as ``DataAPIOperation/shouldRetry(_:)``
    /// and ``RetryPolicy`` allow, and returns the body of the 2xx answer.
    ///
    /// Implements the restJson1 binding of the Data API (`POST` + JSON body, SigV4 service `rds-data`) and
    /// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html for the waits.
    /// - Throws: `DataAPIError`, or `CancellationError` when the task is cancelled.
    func send(_ operation: DataAPIOperation, _ body: some Encodable) async throws -> [UInt8] {
        try await send(operation, encodedBody: try Self.encode(body))
    }

    /// The JSON body of a request, as FoundationEssentials' `JSONEncoder` writes it (NaN and infinities as the
    /// strings AWS uses, see ``DataAPIJSONCoding``).
    static func encode(_ body: some Encodable) throws(DataAPIError) -> [UInt8] {
        do {
            return [UInt8](try DataAPIJSONCoding.encoder().encode(body))
        } catch {
            throw DataAPIError(code: .invalidRequest, message: "The request could not be encoded as JSON: \(error)")
        }
    }

    func send(_ operation: DataAPIOperation, encodedBody: [UInt8]) async throws -> [UInt8] {
        let policy = configuration.retryPolicy
        let started = clock.now()
        var attempt = 0
        while true {
            attempt += 1
            let failure: DataAPIError
            do {
                let response = try await sendOnce(operation, body: encodedBody)
                if (200..<300).contains(response.status) { return response.body }
                failure = DataAPIError(response: response)
            } catch let error as DataAPIError {
                failure = error
            }
            guard operation.shouldRetry(failure), attempt < policy.maxAttempts else { throw failure }
            let delay = policy.delay(afterAttempt: attempt)
            let elapsed = Duration.seconds(clock.now().timeIntervalSince(started))
            guard elapsed + delay <= policy.deadline else {
                throw DataAPIError(
                    code: .deadlineExceeded,
                    message: "\(operation.rawValue) still failed after \(attempt) attempts in \(elapsed.seconds) s "
                        + "(last error \(failure.code): \(failure.message)). The retry deadline is \(policy.deadline.seconds) s; "
                        + "try again later or raise RetryPolicy.deadline.",
                    httpStatus: failure.httpStatus, requestId: failure.requestId)
            }
            logger.debug(
                "retrying Data API call",
                metadata: [
                    "operation": "\(operation.rawValue)", "attempt": "\(attempt)", "error": "\(failure.code)",
                    "delay-seconds": "\(delay.seconds)", "request-id": "\(failure.requestId ?? "-")",
                ])
            try await clock.sleep(delay)
        }
    }

    /// One signed request and its answer. Transport failures become `connectionFailed` (never sent, safe to
    /// retry), `tlsHandshakeFailed` (never sent, not worth retrying) or `outcomeUnknown` (sent, the statement
    /// may have run); an unusable transport configuration becomes `invalidConfiguration`.
    /// Cancellation is rethrown as `CancellationError`.
    private func sendOnce(_ operation: DataAPIOperation, body: [UInt8]) async throws -> HTTPResponse {
        let request = try await signedRequest(operation, body: body)
        do {
            return try await transport.send(request, timeout: configuration.requestTimeout)
        } catch let error as TransportError {
            switch error.phase {
            case .beforeSending where error.tlsHandshakeFailed:
                throw DataAPIError(
                    code: .tlsHandshakeFailed,
                    message: "The TLS handshake with \(configuration.endpoint) failed (\(error.message)); nothing was "
                        + "sent. If the endpoint's certificate comes from a private certificate authority, point "
                        + "AWS_CA_BUNDLE at its PEM file.")
            case .beforeSending:
                throw DataAPIError(
                    code: .connectionFailed,
                    message: "Could not reach the Data API at \(configuration.endpoint): \(error.message). "
                        + "Check the endpoint and network; nothing was sent.")
            case .afterSending:
                throw DataAPIError(
                    code: .outcomeUnknown,
                    message: "\(operation.rawValue) was sent but no complete answer came back (\(error.message)); "
                        + "the statement may have run. Check the data before running it again.")
            }
        } catch let error as AWSConfigurationError {
            // The transport's own configuration (AWS_CA_BUNDLE) kept it from sending anything.
            throw DataAPIError(code: .invalidConfiguration, message: error.message)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw DataAPIError(
                code: .outcomeUnknown,
                message: "\(operation.rawValue) failed in the HTTP transport (\(error)); the statement may have run.")
        }
    }
}

extension Duration {
    /// Whole and fractional seconds, for messages and log metadata.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
