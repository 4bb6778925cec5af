// `import AuroraSQLKit` brings SQLKit's builders. The client comes from `import AuroraDataAPI`, which is not
// re-exported: its `Field` (a Data API value) would shadow Fluent's `@Field` in files that also import FluentKit.
@_exported import SQLKit
