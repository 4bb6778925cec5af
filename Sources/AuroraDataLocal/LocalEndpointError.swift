/// Why the local endpoint could not start. The message says what to do.
public struct LocalEndpointError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }

    static func cannotListen(host: String, port: Int, _ error: any Error) -> LocalEndpointError {
        LocalEndpointError(
            message: "Cannot listen on \(host):\(port): \(error). Choose another --port (0 picks a free one) "
                + "or stop the process using it."
        )
    }

    static let stoppedBeforeListening = LocalEndpointError(message: "The endpoint stopped before it was listening.")
}
