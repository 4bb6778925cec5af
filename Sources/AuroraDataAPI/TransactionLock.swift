/// A first-in, first-out async lock: one holder at a time, waiters resume in arrival order.
///
/// The Data API fails a second request that uses a transaction id while one is running ("Transaction is still
/// running a query", Serverless v2 and provisioned clusters), so calls on one ``DataAPITransaction`` queue here.
/// An actor alone would not do: it lets other calls in while one awaits the network.
actor TransactionLock {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// Set once the transaction is committed or rolled back; later calls are refused.
    private(set) var finished = false

    func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release(finishing: Bool = false) {
        if finishing { finished = true }
        if waiters.isEmpty {
            held = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
