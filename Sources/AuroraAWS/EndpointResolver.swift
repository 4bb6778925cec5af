/// Finds the RDS Data API endpoint.
///
/// Implements the service-specific endpoint settings of
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html (service identifier `RDS Data`,
/// so `AWS_ENDPOINT_URL_RDS_DATA`) and the default rule `https://rds-data.{region}.{dnsSuffix}` of the
/// `rds-data` endpoint rule set.
public enum EndpointResolver {
    /// The endpoint, in order: `explicit`, `AWS_ENDPOINT_URL_RDS_DATA`, `AWS_ENDPOINT_URL` (both skipped when
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is `true`), then the regional default
    /// (`amazonaws.com.cn` for `cn-` regions). Plain `http` is accepted for local endpoints.
    public static func resolve(explicit: String?, environment: [String: String], region: String) throws
        -> ServiceEndpoint
    {
        if let explicit, !explicit.isEmpty {
            return try ServiceEndpoint(parsing: explicit, source: "The endpoint option")
        }
        if let configured = try ServiceEndpoint.configured(
            serviceVariable: "AWS_ENDPOINT_URL_RDS_DATA", environment: environment)
        {
            return configured
        }
        return try ServiceEndpoint.regional("rds-data", region: region, source: "The region")
    }
}
