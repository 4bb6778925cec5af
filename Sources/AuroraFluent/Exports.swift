// `import AuroraFluent` is enough to configure Fluent and use the SQLKit database under it.
@_exported import AuroraSQLKit
@_exported import FluentKit
