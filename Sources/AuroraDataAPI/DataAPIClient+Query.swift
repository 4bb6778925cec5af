import AuroraDataAPIModel

extension DataAPIClient {
    /// Runs a statement and decodes each row into `Record` by column label:
    /// `try await client.query(Post.self, "SELECT id, title FROM posts WHERE id = \(id)")`.
    ///
    /// Always asks for `columnMetadata` (the labels); other options as given. Conversions are those of
    /// `ResultSet.decode(_:options:)`: DECIMAL into `Decimal`, TIMESTAMP into `Date` (UTC), NULL into optionals, ...
    /// Implements https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html
    /// `decoding` chooses how labels match properties (e.g. `.convertFromSnakeCase`: `created_at` -> `createdAt`).
    /// - Throws: `DataAPIError` (`decodingFailed` when a row does not fit `Record`) or `CancellationError`.
    public func query<Record: Decodable>(
        _ type: Record.Type, _ query: SQLQuery, options: ExecuteOptions = ExecuteOptions(),
        decoding: RecordDecodingOptions = RecordDecodingOptions()
    ) async throws -> [Record] {
        var options = options
        options.includeResultMetadata = true
        let response = try await execute(query, options: options)
        return try response.decode(type, options: decoding)
    }

}
