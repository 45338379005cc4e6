import Foundation
import Testing

extension Trait where Self == ConditionTrait {
    /// Marks a suite or test that takes seconds even alone (a crash after every step, real
    /// kills, random sweeps, many processes at once): a developer's inner loop,
    /// `TENANCY_SKIP_SLOW_TESTS=1 swift test`, leaves it out; `swift test` and CI run it.
    /// (A condition rather than a tag: `swift test` 6.3 cannot skip by tag.)
    public static var slow: Self {
        .disabled(if: skipSlowTests, "slow: TENANCY_SKIP_SLOW_TESTS is set")
    }
}

private let skipSlowTests = !(ProcessInfo.processInfo.environment["TENANCY_SKIP_SLOW_TESTS"] ?? "").isEmpty
