// The client's API speaks in the model's types (Field, SqlParameter, ResultSet, DataAPIError, ...):
// `import AuroraDataAPI` is enough to use it.
@_exported import AuroraDataAPIModel
