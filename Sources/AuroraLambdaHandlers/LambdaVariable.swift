/// The environment variables the functions read (the same names as the `aurora-data` CLI), listed in
/// `cdk-template/lambda_contract.json`, which the CDK app builds its template from.
public enum LambdaVariable {
    /// The Aurora cluster ARN. Required.
    public static let resourceArn = "AURORA_RESOURCE_ARN"
    /// The Secrets Manager secret ARN with the database credentials. Required.
    public static let secretArn = "AURORA_SECRET_ARN"
    /// The database name. Required.
    public static let database = "AURORA_DATABASE"
    /// The folder of the bundled `vN.sql` scripts (`migrate`); default `schema/` beside the executable.
    public static let schemaDir = "AURORA_SCHEMA_DIR"
    /// `postgresql` or `mysql`; when unset the engine is detected with `SELECT version()` on first use.
    public static let engine = "AURORA_ENGINE"
    /// `true` allows the `migrate` function's direct-invoke `reset` command, which destroys all data.
    public static let allowReset = "AURORA_ALLOW_RESET"
    /// Set by Lambda: which handler this function runs (`migrate` or `posts`).
    public static let handler = "_HANDLER"
}
