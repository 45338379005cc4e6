@testable import TenancyCLI
@testable import TenancyCore
@testable import TenancyFixtures
@testable import TenancyGit
@testable import TenancyReview
import TenancyTestSupport

/// Helpers for the focused state rule tests.
enum RuleTest {
    /// The diagnostics of `validate` on the base registry with `overlay` (markers stripped).
    static func validate(_ overlay: RuleExamples.Registry) throws -> [Diagnostic] {
        let registry = try TemporaryRegistry(TemporaryRegistry.overlay(RuleExamples.baseRegistry, overlay).files)
        return try Validator.validate(registry.source).diagnostics
    }

    /// Only the diagnostics of `rule`.
    static func validate(_ overlay: RuleExamples.Registry, rule: RuleID) throws -> [Diagnostic] {
        try validate(overlay).filter { $0.rule == rule }
    }

    /// The base registry, loaded: a start for snapshots that cannot come from disk.
    static func baseSnapshot() throws -> Snapshot {
        let registry = try TemporaryRegistry(RuleExamples.baseRegistry)
        return try SnapshotLoader.load(from: registry.source)
    }

    /// What one state rule finds in a snapshot, sorted.
    static func check(_ rule: any StateRule.Type, _ snapshot: Snapshot) -> [Diagnostic] {
        var sink = DiagnosticSink()
        rule.init().check(snapshot, into: &sink)
        return sink.sorted
    }

    /// A team organization file, canonical.
    static func teamOrg(_ slug: String, id: String, previousSlugs: [String] = []) -> String {
        var fields = [
            "createdAt": #""2026-11-21T09:30:00Z""#, "id": "\"\(id)\"", "kind": #""team""#,
            "name": "\"\(slug)\"", "slug": "\"\(slug)\"",
        ]
        if !previousSlugs.isEmpty {
            fields["previousSlugs"] = "[\n" + previousSlugs.map { "    \"\($0)\"" }.joined(separator: ",\n") + "\n  ]"
        }
        return RuleExamples.object(fields)
    }

    /// A team organization owned by alice: its org.json and alice's membership.
    static func ownedOrg(_ slug: String, id: String, previousSlugs: [String] = []) -> RuleExamples.Registry {
        [
            "orgs/\(slug)/org.json": teamOrg(slug, id: id, previousSlugs: previousSlugs),
            "orgs/\(slug)/members/alice.json": RuleExamples.member("alice", "owner"),
        ]
    }

    /// `tenancy.json` with more top-level members, each given as JSON text (`"key": value`).
    static func policy(_ members: String...) -> String {
        "{\n" + ([#""format": 1"#] + members).sorted().map { "  " + $0 }.joined(separator: ",\n") + "\n}\n"
    }

    /// Where each diagnostic is, as `path:line:column [rule]`, for compact expectations.
    static func places(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.path):\($0.line):\($0.column) [\($0.rule)]" }
    }
}

extension Dictionary where Key == String, Value == String? {
    /// Both overlays, the right one winning.
    static func + (a: Self, b: Self) -> Self { a.merging(b) { $1 } }
}
