// `import AuroraFluent` brings FluentKit and AuroraSQLKit (with SQLKit). The client comes from `import AuroraDataAPI`,
// which is not re-exported: its `Field` (a Data API value) would shadow Fluent's `@Field` property wrapper.
@_exported import AuroraSQLKit
@_exported import FluentKit
