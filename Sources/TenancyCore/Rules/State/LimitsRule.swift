/// The policy's limits hold: `limits.membersPerOrganization` (members of one
/// organization), `limits.minOwnersPerOrganization` (members with an owner role),
/// `limits.organizationsPerUser` (memberships of one user, personal organization
/// included) and `invitations.maxPendingPerOrganization`. `null` means no limit.
///
/// Limits are the plan or safety bounds the team chose; a state beyond them is refused
/// like any other broken rule. An organization with no owner at all is
/// `owner-remains`'s to report.
///
/// Failing: two members in `acme` with `"membersPerOrganization": 1`. Passing: the same
/// members with `"membersPerOrganization": null`.
public struct LimitsRule: StateRule {
    public static let id = RuleID(Self.self)
    public static let summary =
        "the policy's limits hold (members per org, owners per org, orgs per user, pending invitations per org)"
    public static let examples = RuleExamples(
        passing: [[
            "tenancy.json": policy(#""limits": {\#n    "membersPerOrganization": null,\#n    "organizationsPerUser": 2\#n  }"#),
        ]],
        failing: [
            ["tenancy.json": policy(#""limits": {\#n    "membersPerOrganization": 1\#n  }"#), "orgs/acme/org.json": marked(acme)],
            ["tenancy.json": policy(#""invitations": {\#n    "maxPendingPerOrganization": 0\#n  }"#), "orgs/acme/org.json": marked(acme)],
            [
                "tenancy.json": policy(#""limits": {\#n    "organizationsPerUser": 1\#n  }"#),
                "orgs/alice/members/bob.json": nil, "orgs/acme/members/bob.json": nil,
                "orgs/acme/projects/web/members/bob.json": nil, "users/alice.json": marked(alice),
            ],
        ])

    private static let acme = RuleExamples.baseRegistry["orgs/acme/org.json"]!
    private static let alice = RuleExamples.baseRegistry["users/alice.json"]!

    /// The text marked at 1:1: a limit is reported on the whole organization or user file.
    private static func marked(_ text: String) -> String { "↓" + text }

    /// A policy with one more top-level member (JSON text sorting after `"format"`).
    private static func policy(_ member: String) -> String {
        "{\n  \"format\": 1,\n  \(member)\n}\n"
    }

    public init() {}

    /// Each count is made only when its limit is set: most registries set few.
    public func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink) {
        guard snapshot.policyDecoded else { return }
        let limits = snapshot.policy.limits
        if limits.membersPerOrganization != nil || limits.organizationsPerUser != nil {
            checkMembers(snapshot, MemberCounts(snapshot), &sink)
        }
        // With a minimum of one, an organization with any owner has enough, and one with
        // none is the `owner-remains` rule's.
        if limits.minOwnersPerOrganization > 1 { checkOwners(snapshot, &sink) }
        if let max = snapshot.policy.invitations.maxPendingPerOrganization { checkPending(snapshot, max, &sink) }
    }

    private func checkMembers(_ snapshot: Snapshot, _ counts: MemberCounts, _ sink: inout DiagnosticSink) {
        let limits = snapshot.policy.limits
        if let max = limits.membersPerOrganization {
            for (key, org) in snapshot.orgs where counts.perOrg[key, default: 0] > max {
                sink.emit(Self.id, #"organization "\#(key)" has \#(counted(counts.perOrg[key]!, "member")); the policy allows at most \#(max) ("limits.membersPerOrganization")"#, at: org)
            }
        }
        if let max = limits.organizationsPerUser {
            for (handle, user) in snapshot.users where counts.perUser[handle, default: 0] > max {
                sink.emit(Self.id, #"user "\#(handle)" is a member of \#(counted(counts.perUser[handle]!, "organization")); the policy allows at most \#(max) ("limits.organizationsPerUser")"#, at: user)
            }
        }
    }

    private func checkOwners(_ snapshot: Snapshot, _ sink: inout DiagnosticSink) {
        let minimum = snapshot.policy.limits.minOwnersPerOrganization
        let unknown = snapshot.orgsWithUndecodedMembers()
        let ownerRoles = snapshot.policy.ownerRoleNames
        for (key, org) in snapshot.orgs where !unknown.contains(key) {
            let owners = snapshot.members[key]?.values.count { ownerRoles.contains($0.role) } ?? 0
            if owners > 0, owners < minimum {
                sink.emit(Self.id, #"organization "\#(key)" has \#(counted(owners, "owner")); the policy requires at least \#(minimum) ("limits.minOwnersPerOrganization")"#, at: org)
            }
        }
    }

    private func checkPending(_ snapshot: Snapshot, _ max: Int, _ sink: inout DiagnosticSink) {
        for (key, byID) in snapshot.invitations {
            let pending = byID.values.count { $0.status == .pending }
            if pending > max, let org = snapshot.orgs[key] {
                sink.emit(Self.id, #"organization "\#(key)" has \#(counted(pending, "pending invitation")); the policy allows at most \#(max) ("invitations.maxPendingPerOrganization")"#, at: org)
            }
        }
    }

    /// Membership files (decoded or not: each is a membership) per organization and per
    /// user, with those a scoped snapshot counted outside itself.
    private struct MemberCounts {
        var perOrg: [Slug: Int] = [:]
        var perUser: [Handle: Int] = [:]

        init(_ snapshot: Snapshot) {
            perUser = snapshot.membershipsElsewhere
            for case .member(let org, let user) in snapshot.present {
                perOrg[org, default: 0] += 1
                perUser[user, default: 0] += 1
            }
        }
    }
}
