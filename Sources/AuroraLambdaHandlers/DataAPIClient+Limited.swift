import AuroraDataAPI

extension DataAPIClient {
    /// The same client with every call, retries included, bounded by `budget` (what is left of an invocation).
    func limited(to budget: Duration) -> DataAPIClient {
        let budget = max(budget, .seconds(1))
        var retryPolicy = configuration.retryPolicy
        retryPolicy.deadline = min(retryPolicy.deadline, max(budget - .seconds(1), .milliseconds(500)))
        return withLimits(requestTimeout: min(configuration.requestTimeout, budget), retryPolicy: retryPolicy)
    }
}
