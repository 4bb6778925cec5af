extension LocalEndpointConfiguration: CustomStringConvertible, CustomDebugStringConvertible {
    /// Where it listens, the access key ids and the cluster and secret ARNs; never a secret key or a password.
    public var description: String {
        "LocalEndpointConfiguration(\(host):\(port), access key ids: \(accessKeys.keys.sorted()), "
            + "clusters: \(clusters.keys.sorted()), secrets: \(secrets.keys.sorted()))"
    }

    public var debugDescription: String { description }
}
