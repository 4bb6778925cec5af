import AuroraProcess

extension LocalDatabaseServerError {
    /// A server binary, its initializer or the watchdog's shell could not be started ("Could not run ...").
    init(_ error: ChildProcessError) {
        self.init(code: .startFailed, message: error.message)
    }
}
