import AsyncHTTPClient
import NIOSSL
import Synchronization

extension AsyncHTTPClientTransport {
    /// A process-wide client like ``awsClient`` whose HTTPS certificates are verified against the certificates in
    /// the PEM file at `path` only, as the AWS CLI and SDKs do with `AWS_CA_BUNDLE` (a private CA, a TLS-inspecting
    /// proxy). One client per path, made at its first use and never shut down.
    /// - Throws: ``AWSConfigurationError`` (`invalidCABundle`) when the file is missing, unreadable or holds no
    ///   PEM certificate.
    public static func awsClient(trustingCABundle path: String, fileReader: FileReader = .live)
        throws(AWSConfigurationError) -> HTTPClient
    {
        try caBundleClients.withLock { clients throws(AWSConfigurationError) in
            if let client = clients[path] { return client }
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try certificates(inCABundle: path, fileReader: fileReader))
            let client = HTTPClient(
                eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: awsConfiguration(tls: tls))
            clients[path] = client
            return client
        }
    }

    private static let caBundleClients = Mutex<[String: HTTPClient]>([:])

    /// The certificates of a PEM CA bundle.
    static func certificates(inCABundle path: String, fileReader: FileReader) throws(AWSConfigurationError)
        -> [NIOSSLCertificate]
    {
        func unusable(_ reason: String) -> AWSConfigurationError {
            AWSConfigurationError(
                code: .invalidCABundle,
                message: "AWS_CA_BUNDLE is \(path), which \(reason). Point it at a PEM file of CA certificates, "
                    + "or unset it to verify against the system trust store.")
        }
        let text: String?
        do {
            text = try fileReader.contents(ofFile: path)
        } catch {
            throw unusable("cannot be read (\(error))")
        }
        guard let text else { throw unusable("does not exist") }
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(Array(text.utf8))
        } catch {
            throw unusable("is not a PEM certificate file (\(error))")
        }
        guard !certificates.isEmpty else { throw unusable("holds no PEM certificate") }
        return certificates
    }
}
