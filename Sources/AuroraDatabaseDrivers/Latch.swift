import Synchronization

/// A flag that is set once, from any thread.
package final class Latch: Sendable {
    private let flag = Atomic<Bool>(false)

    package init() {}

    /// Sets the flag; true for the caller that set it first.
    @discardableResult
    package func set() -> Bool {
        flag.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    }

    var isSet: Bool { flag.load(ordering: .acquiring) }
}
