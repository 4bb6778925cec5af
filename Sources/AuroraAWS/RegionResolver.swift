/// Finds the AWS region.
///
/// Implements https://docs.aws.amazon.com/sdkref/latest/guide/feature-region.html, extended with the region of
/// the resource ARN (the Data API is always called in the cluster's region).
public enum RegionResolver {
    /// The region, in order: `explicit`, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region` in the
    /// shared files (profile from `profile`, else `AWS_PROFILE`, else `default`), the region field of
    /// `resourceArn` (`arn:aws:rds:us-east-1:123456789012:cluster:name`).
    ///
    /// The config file is read only when the environment does not name a region.
    public static func resolve(
        explicit: String?, environment: [String: String], profile: String? = nil, fileReader: FileReader = .live,
        resourceArn: String?
    ) throws -> String {
        if let region = nonEmpty(explicit) { return try validate(region, source: "The region option") }
        for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let region = nonEmpty(environment[name]) { return try validate(region, source: name) }
        }
        let files = try SharedConfigFiles.load(environment: environment, fileReader: fileReader)
        let profileName = SharedConfigFiles.profileName(explicit: profile, environment: environment)
        // Like botocore and the AWS CLI, a `region` in the credentials file counts too (it overrides the config).
        if let region = nonEmpty(files.settings(forProfile: profileName)?["region"]) {
            return try validate(region, source: "The region of profile \"\(profileName)\" in \(files.locations)")
        }
        if let resourceArn, let region = nonEmpty(arnRegion(resourceArn)) {
            return try validate(region, source: "The region field of \(resourceArn)")
        }
        throw AWSConfigurationError(
            code: .regionNotFound,
            message: "No AWS region found. Looked at the region option, AWS_REGION, AWS_DEFAULT_REGION, "
                + "the region of profile \"\(profileName)\" in \(files.locations), "
                + (resourceArn.map { "and the resource ARN \($0)" } ?? "and the resource ARN (none given)")
                + ". Set AWS_REGION, pass a region, or use a full cluster ARN."
        )
    }

    /// The region field of an ARN (`arn:partition:service:region:account:resource`), nil when it is not an ARN.
    public static func arnRegion(_ arn: String) -> String? {
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn" else { return nil }
        return String(fields[3])
    }

    /// Checks that a region is made of lowercase letters, digits and hyphens, so it is safe in a host name.
    @discardableResult
    static func validate(_ region: String, source: String) throws -> String {
        let valid = !region.isEmpty && !region.hasPrefix("-") && !region.hasSuffix("-")
            && region.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
        guard valid else {
            throw AWSConfigurationError(
                code: .invalidRegion,
                message: "\(source) is \"\(region)\", which is not a region name. Use a name like us-east-1."
            )
        }
        return region
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
