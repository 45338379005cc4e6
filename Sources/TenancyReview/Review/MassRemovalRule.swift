import TenancyCore

/// A safety limit on destructive changes, as peribolos has: a change that removes many of
/// an organization's members at once is more often a mistake (a bad merge, a truncated
/// file list) than an intent, so it needs `--allow-mass-removal`. "Many" is the policy's
/// `review.massRemoval`: more than `maxFraction` of the members (default 0.25) *and* at
/// least `minRemoved` of them (default 3), so a small team can still lose one or two
/// people; `null` turns the guard off. The BASE snapshot's policy decides, so a change
/// cannot loosen the limit it is judged by.
///
/// Only organizations that exist in both snapshots count: deleting an organization is
/// one explicit change (`org:delete`), not a slip.
///
/// Failing: bob, dave and erin, three of acme's four members, removed. Passing: one of
/// four removed; two of four (fewer than `minRemoved`); three of four when the policy's
/// `massRemoval` is `null`; acme deleted.
public struct MassRemovalRule: ChangeRule {
    public static let id = RuleID(Self.self)
    public static let summary = "a change removes at most the policy's `review.massRemoval` of an organization's members (more than a quarter and at least 3, by default), unless `--allow-mass-removal`"
    public static let examples = RuleExamples(
        passing: [
            .change(base: fourMembers, head: ["orgs/acme/members/erin.json": nil], actor: nil),
            .change(base: fourMembers, head: ["orgs/acme/members/dave.json": nil, "orgs/acme/members/erin.json": nil], actor: nil),
            .change(base: fourMembers.merging(["tenancy.json": withoutGuard]) { $1 }, head: threeRemoved, actor: nil),
            .change(
                base: [:], head: RuleExamples.baseRegistry.keys.filter { $0.hasPrefix("orgs/acme/") }
                    .reduce(into: [:]) { $0[$1] = .some(nil) }, actor: nil),
        ],
        failing: [
            .change(base: fourMembers, head: threeRemoved.merging([
                "orgs/acme/org.json": "↓" + RuleExamples.baseRegistry["orgs/acme/org.json"]!,
            ]) { $1 }, actor: nil),
        ])

    /// bob (with his project membership), dave and erin removed from acme.
    static let threeRemoved: RuleExamples.Registry = [
        "orgs/acme/members/bob.json": nil, "orgs/acme/projects/web/members/bob.json": nil,
        "orgs/acme/members/dave.json": nil, "orgs/acme/members/erin.json": nil,
    ]

    /// `fourMembers`' policy with the guard turned off.
    static let withoutGuard = "{\n  \"format\": 1,\n  \"personalOrganizations\": {\n    \"required\": false\n  },\n  \"review\": {\n    \"massRemoval\": null\n  }\n}\n"

    /// acme with dave and erin as members too (in a policy without personal organizations,
    /// which each new user would need).
    static let fourMembers: RuleExamples.Registry = [
        "tenancy.json": "{\n  \"format\": 1,\n  \"personalOrganizations\": {\n    \"required\": false\n  }\n}\n",
        "users/dave.json": RuleExamples.user("dave", "Dave", "7d1e2f30-4a5b-4c6d-8e7f-8a9b0c1d2e3f"),
        "users/erin.json": RuleExamples.user("erin", "Erin", "8e2f3a41-5b6c-4d7e-9f80-9bac1d2e3f40"),
        "orgs/acme/members/dave.json": RuleExamples.member("dave", "member"),
        "orgs/acme/members/erin.json": RuleExamples.member("erin", "member"),
    ]

    public static func check(_ change: ReviewedChange, into sink: inout DiagnosticSink) {
        guard !change.allowMassRemoval, let limit = change.base.policy.review.massRemoval else { return }
        var removed: [Slug: Int] = [:]
        var deleted: Set<Slug> = []
        for access in change.diff.changes {
            switch access {
            case .memberRemoved(let org, _, _, _): removed[org, default: 0] += 1
            case .orgDeleted(let org, _, _): deleted.insert(org)
            default: break
            }
        }
        for org in removed.keys.sorted() {
            guard !deleted.contains(org), let path = change.head.orgs[org]?.origin.path else { continue }
            let count = removed[org]!
            let before = baseMemberCount(of: org, in: change)
            guard limit.isMassRemoval(removed: count, of: before) else { continue }
            sink.emit(
                id, "removes \(count) of \(before) members of \(org) (\(Int((Double(count) / Double(before) * 100).rounded()))%), more than the policy allows (more than \(percent(limit.maxFraction)) and at least \(limit.minRemoved): \"review.massRemoval\"; use --allow-mass-removal if this is intended)",
                path: path)
        }
    }

    /// The limit as set: `0.25` as `25%`, `0.125` as `12.5%`.
    private static func percent(_ fraction: Double) -> String {
        let hundredths = (fraction * 10_000).rounded()
        return hundredths.truncatingRemainder(dividingBy: 100) == 0 ? "\(Int(hundredths / 100))%" : "\(hundredths / 100)%"
    }

    /// Members `org` (a head slug) had in the base snapshot, under its base slug.
    private static func baseMemberCount(of org: Slug, in change: ReviewedChange) -> Int {
        for case .orgRenamed(org, let from, _, _) in change.diff.changes {
            return change.base.members[from]?.count ?? 0
        }
        return change.base.members[org]?.count ?? 0
    }
}
