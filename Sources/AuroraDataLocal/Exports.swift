// The endpoint's configuration speaks in the drivers' types (DatabaseBackend, DatabaseCredentials, DatabaseEngine):
// `import AuroraDataLocal` is enough to configure and run it.
@_exported import AuroraDatabaseDrivers
