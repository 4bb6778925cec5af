import AuroraAWS
import AuroraLambdaRuntime
import Logging

/// Delivers a custom resource response: one HTTP `PUT` of the body to the pre-signed `ResponseURL`, used byte
/// for byte (re-encoding would break its signature; `http://` works, for local emulators), with an empty
/// `Content-Type` (the URL was signed without one).
///
/// A connection error or a 5xx is tried again with backoff while the Lambda deadline allows; a 4xx is final
/// (an expired or wrong URL does not get better). Follows
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html
struct CloudFormationResponder: Sendable {
    var transport: any HTTPTransport
    var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    /// The first wait between attempts; it doubles up to ``maximumDelay``.
    var firstDelay: Duration = .milliseconds(250)
    var maximumDelay: Duration = .seconds(4)
    var maximumAttempts = 8

    /// Whether `url` can be PUT to: an absolute `http` or `https` URL with a host.
    static func isUsable(_ url: String?) -> Bool {
        guard let url else { return false }
        for scheme in ["https://", "http://"] where url.lowercased().hasPrefix(scheme) {
            let rest = url.dropFirst(scheme.count)
            return !(rest.first.map { $0 == "/" || $0 == "?" } ?? true)
        }
        return false
    }

    /// The URL without its query (which holds the signature), for logs.
    static func redacted(_ url: String) -> String {
        String(url.prefix { $0 != "?" })
    }

    /// PUTs `body`; returns whether CloudFormation's store accepted it. Never throws: every outcome is logged.
    func deliver(_ body: [UInt8], to url: String, context: LambdaContext) async -> Bool {
        let logger = context.logger
        let target = Self.redacted(url)
        var delay = firstDelay
        var attempt = 0
        while true {
            attempt += 1
            let remaining = context.remainingTime()
            let timeout = min(.seconds(10), max(remaining - .milliseconds(500), .seconds(1)))
            let request = HTTPRequest(method: "PUT", url: url, headers: [("Content-Type", "")], body: body)
            var failure: String
            do {
                let response = try await transport.send(request, timeout: timeout)
                if (200..<300).contains(response.status) {
                    logger.info("custom resource response delivered", metadata: ["url": "\(target)", "attempt": "\(attempt)"])
                    return true
                }
                failure = "HTTP \(response.status): \(String(decoding: response.body.prefix(300), as: UTF8.self))"
                if (400..<500).contains(response.status) {
                    logger.error("the response URL refused the custom resource response; not retrying", metadata: ["url": "\(target)", "error": "\(failure)"])
                    return false
                }
            } catch {
                failure = "\(error)"
            }
            guard attempt < maximumAttempts, context.remainingTime() > delay + .seconds(1) else {
                logger.error("giving up delivering the custom resource response", metadata: ["url": "\(target)", "attempts": "\(attempt)", "error": "\(failure)"])
                return false
            }
            logger.warning("delivering the custom resource response failed; retrying", metadata: ["url": "\(target)", "attempt": "\(attempt)", "error": "\(failure)"])
            try? await sleep(delay)
            delay = min(delay * 2, maximumDelay)
        }
    }
}
