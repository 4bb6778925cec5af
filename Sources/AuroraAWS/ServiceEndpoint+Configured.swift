extension ServiceEndpoint {
    /// The endpoint the environment configures for one service: `serviceVariable` (e.g. `AWS_ENDPOINT_URL_STS`),
    /// else `AWS_ENDPOINT_URL`; nil when neither is set or `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is `true`.
    ///
    /// Implements the environment half of https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html.
    static func configured(serviceVariable: String, environment: [String: String]) throws -> ServiceEndpoint? {
        guard environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() != "true" else { return nil }
        for name in [serviceVariable, "AWS_ENDPOINT_URL"] {
            if let value = environment[name], !value.isEmpty {
                return try ServiceEndpoint(parsing: value, source: name)
            }
        }
        return nil
    }

    /// `https://{prefix}.{region}.amazonaws.com` (`amazonaws.com.cn` for `cn-` regions), after checking the region.
    static func regional(_ prefix: String, region: String, source: String) throws -> ServiceEndpoint {
        try RegionResolver.validate(region, source: source)
        let dnsSuffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return ServiceEndpoint(scheme: "https", host: "\(prefix).\(region).\(dnsSuffix)")
    }
}
