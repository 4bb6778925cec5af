/// The routes the `posts` function answers (the HTTP API's routes in the template).
public enum PostsRoutes {
    public static let all = ["GET /posts", "GET /posts/{id}", "POST /posts"]
}

/// The `Custom::SchemaMigration` resource as the template declares it.
public enum SchemaMigrationResource {
    public static let type = "Custom::SchemaMigration"
    /// The property holding the scripts' hash (`aurora-data migrate hash`); a new value makes CloudFormation send Update.
    public static let hashProperty = "ScriptsHash"
    /// The `Data` keys of a SUCCESS response, readable with `Fn::GetAtt`.
    public static let attributes = ["AppliedVersion", "ScriptsHash", "BundledVersion"]
}
