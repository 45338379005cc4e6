import Foundation
@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview
import TenancyTestSupport

/// Snapshots of `RuleExamples.baseRegistry` (with overlays) for planning tests.
enum OperationFixture {
    static let now = Timestamp("2026-11-23T00:00:00Z")!

    static func snapshot(_ overlay: [String: String?] = [:]) throws -> Snapshot {
        var files = RuleExamples.baseRegistry
        for (path, text) in overlay { files[path] = text }
        let tree = try TemporaryRegistry(files.compactMapValues { $0 })
        return try SnapshotLoader.load(from: DirectorySource(root: tree.registry))
    }

    /// The summary lines of a changeset against its base.
    static func lines(_ changes: Changeset, _ base: Snapshot) -> [String] {
        changes.summary(against: base).map(\.description)
    }
}
