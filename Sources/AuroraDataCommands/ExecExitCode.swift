import AuroraDataAPIModel

/// Exit codes of `aurora-data` for Data API errors, in every subcommand (listed in `aurora-data exec --help`).
enum ExecExitCode {
    /// The statement ran.
    static let success: Int32 = 0
    /// The service or the database refused the statement (SQL error, validation, statement timeout, ...).
    static let statementFailed: Int32 = 1
    /// Configuration, credentials or permissions are missing or wrong.
    static let configuration: Int32 = 2
    /// The endpoint could not be reached or stayed unavailable (connection failure, throttling, deadline).
    static let unavailable: Int32 = 3
    /// The request was sent but no usable answer came back (none at all, or HTTP 500 `InternalServerErrorException`):
    /// the statement may have run.
    static let outcomeUnknown: Int32 = 4
    /// A mistake on the command line (ArgumentParser's validation exit code, EX_USAGE).
    static let usage: Int32 = 64

    /// The help text listing the codes.
    static let help = """
        Exit codes: 0 success; 1 the service or database refused the statement; 2 configuration, credentials or \
        permissions; 3 endpoint unreachable or unavailable (after retries); 4 outcome unknown (no answer, or an \
        internal server error: the statement may have run); 64 command-line usage error.
        """

    static func forError(_ error: DataAPIError) -> Int32 {
        switch error.code {
        case .outcomeUnknown, .internalServerError:
            // A 500 says the service failed while handling the request, not whether the statement ran.
            return outcomeUnknown
        case .connectionFailed, .tlsHandshakeFailed, .deadlineExceeded, .serviceUnavailable, .databaseUnavailable, .databaseResuming,
            .throttling, .tooManyRequests:
            return unavailable
        case .invalidConfiguration, .credentialsNotFound, .accessDenied, .forbidden, .unrecognizedClient,
            .invalidSignature, .incompleteSignature, .missingAuthenticationToken, .expiredToken,
            .invalidClientTokenId, .signatureDoesNotMatch, .httpEndpointNotEnabled, .invalidSecret, .secretsError:
            return configuration
        default:
            return statementFailed
        }
    }
}
