extension DatabaseFailure {
    /// `UnsupportedResultException`'s text for a result column of an unsupported type
    /// (RDS Data API guide, "Data API type mapping": "The result contains the unsupported data type …").
    static func unsupportedType(_ typeName: String) -> DatabaseFailure {
        DatabaseFailure(kind: .unsupportedResult, message: "The result contains the unsupported data type \(typeName).")
    }
}
