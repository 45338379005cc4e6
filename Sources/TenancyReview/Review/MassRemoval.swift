import TenancyCore

/// A safety limit on destructive changes, as peribolos has: a change that removes more
/// than a quarter of an organization's members at once is more often a mistake (a bad
/// merge, a truncated file list) than an intent, so it needs `--allow-mass-removal`.
///
/// Only organizations that exist in both snapshots count: deleting an organization is
/// one explicit change (`org:delete`), not a slip.
public enum MassRemoval {
    public static let id: RuleID = "mass-removal"
    /// The largest fraction of an organization's members one change may remove.
    public static let limit = 0.25

    public static func check(_ diff: AccessDiff, base: Snapshot, head: Snapshot) -> [Diagnostic] {
        var removed: [String: Int] = [:]
        for change in diff.changes where change.kind == .memberRemoved {
            removed[change.org ?? "", default: 0] += 1
        }
        let deleted = Set(diff.changes.filter { $0.kind == .orgDeleted }.compactMap(\.org))
        return removed.keys.sorted().compactMap { org in
            guard !deleted.contains(org), let path = head.orgs[org]?.origin.path else { return nil }
            let count = removed[org]!
            let before = baseMemberCount(of: org, in: diff, base: base)
            guard Double(count) > Double(before) * limit else { return nil }
            let percent = Int((Double(count) / Double(before) * 100).rounded())
            return Diagnostic(
                path: path, rule: id,
                message: "removes \(count) of \(before) members of \(org) (\(percent)%), more than the limit of \(Int(limit * 100))% (use --allow-mass-removal if this is intended)")
        }
    }

    /// Members `org` (a head slug) had in the base snapshot, under its base slug.
    private static func baseMemberCount(of org: String, in diff: AccessDiff, base: Snapshot) -> Int {
        let renamed = diff.changes.first { $0.kind == .orgRenamed && $0.org == org }
        return base.members[renamed?.from ?? org]?.count ?? 0
    }
}
