// A server's API speaks in the drivers' types (DatabaseEngine, DatabaseCredentials, DatabaseBackend,
// DatabaseFailure): `import AuroraDatabaseServers` is enough to start a server and connect to it.
@_exported import AuroraDatabaseDrivers
