// `import AuroraSQLKit` is enough to build queries and call the client.
@_exported import AuroraDataAPI
@_exported import SQLKit
