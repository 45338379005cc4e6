import TenancyCore

/// A safety limit on destructive changes, as peribolos has: a change that removes more
/// than a quarter of an organization's members at once is more often a mistake (a bad
/// merge, a truncated file list) than an intent, so it needs `--allow-mass-removal`.
///
/// Only organizations that exist in both snapshots count: deleting an organization is
/// one explicit change (`org:delete`), not a slip.
///
/// Failing: bob, one of acme's two members, removed. Passing: one of four removed; acme
/// deleted.
public struct MassRemovalRule: ChangeRule {
    public static let id = RuleID(Self.self)
    public static let summary = "a change removes at most a quarter of an organization's members, unless `--allow-mass-removal`"
    public static let examples = RuleExamples(
        passing: [
            .change(base: fourMembers, head: ["orgs/acme/members/erin.json": nil], actor: nil),
            .change(
                base: [:], head: RuleExamples.baseRegistry.keys.filter { $0.hasPrefix("orgs/acme/") }
                    .reduce(into: [:]) { $0[$1] = .some(nil) }, actor: nil),
        ],
        failing: [
            .change(base: [:], head: [
                "orgs/acme/org.json": "↓" + RuleExamples.baseRegistry["orgs/acme/org.json"]!,
                "orgs/acme/members/bob.json": nil, "orgs/acme/projects/web/members/bob.json": nil,
            ], actor: nil),
        ])

    /// acme with dave and erin as members too (in a policy without personal organizations,
    /// which each new user would need).
    static let fourMembers: RuleExamples.Registry = [
        "tenancy.json": "{\n  \"format\": 1,\n  \"personalOrganizations\": {\n    \"required\": false\n  }\n}\n",
        "users/dave.json": RuleExamples.user("dave", "Dave", "7d1e2f30-4a5b-4c6d-8e7f-8a9b0c1d2e3f"),
        "users/erin.json": RuleExamples.user("erin", "Erin", "8e2f3a41-5b6c-4d7e-9f80-9bac1d2e3f40"),
        "orgs/acme/members/dave.json": RuleExamples.member("dave", "member"),
        "orgs/acme/members/erin.json": RuleExamples.member("erin", "member"),
    ]

    /// The largest fraction of an organization's members one change may remove.
    public static let limit = 0.25

    public static func check(_ change: ReviewedChange, into sink: inout DiagnosticSink) {
        guard !change.allowMassRemoval else { return }
        var removed: [String: Int] = [:]
        var deleted: Set<String> = []
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
            guard Double(count) > Double(before) * limit else { continue }
            let percent = Int((Double(count) / Double(before) * 100).rounded())
            sink.emit(
                id, "removes \(count) of \(before) members of \(org) (\(percent)%), more than the limit of \(Int(limit * 100))% (use --allow-mass-removal if this is intended)",
                path: path)
        }
    }

    /// Members `org` (a head slug) had in the base snapshot, under its base slug.
    private static func baseMemberCount(of org: String, in change: ReviewedChange) -> Int {
        for case .orgRenamed(org, let from, _, _) in change.diff.changes {
            return change.base.members[from]?.count ?? 0
        }
        return change.base.members[org]?.count ?? 0
    }
}
