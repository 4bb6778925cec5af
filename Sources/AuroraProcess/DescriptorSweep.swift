import CAuroraSpawn

/// Where a child starts closing the descriptors it must not inherit (`aurora_sweep` in CAuroraSpawn). Code outside
/// tests uses ``automatic``; tests force the later steps to check the fallbacks that older kernels and sandboxes
/// take.
package enum DescriptorSweep: Sendable, CaseIterable {
    /// `close_range`; the `/proc/self/fd` listing when it fails; every descriptor below the limit when that fails.
    case automatic
    /// As if `close_range` failed with ENOSYS.
    case withoutCloseRange
    /// As if `close_range` failed and `/proc` were not mounted.
    case upToLimit

    var cValue: aurora_sweep {
        switch self {
        case .automatic: AURORA_SWEEP_AUTOMATIC
        case .withoutCloseRange: AURORA_SWEEP_WITHOUT_CLOSE_RANGE
        case .upToLimit: AURORA_SWEEP_UP_TO_LIMIT
        }
    }
}
