import AuroraDataAPI

extension DataAPIClient {
    /// The same client with every call, retries included, bounded by `budget` (what is left of an invocation).
    func limited(to budget: Duration) -> DataAPIClient {
        var configuration = self.configuration
        let budget = max(budget, .seconds(1))
        configuration.requestTimeout = min(configuration.requestTimeout, budget)
        configuration.retryPolicy.deadline = min(configuration.retryPolicy.deadline, max(budget - .seconds(1), .milliseconds(500)))
        return DataAPIClient(
            configuration: configuration, credentialProvider: credentialProvider, transport: transport, logger: logger, clock: clock)
    }
}
