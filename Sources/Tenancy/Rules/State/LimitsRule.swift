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
    public static let id: RuleID = "limits"
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

    public func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink) {
        guard snapshot.policyDecoded else { return }
        let counts = MemberCounts(snapshot)
        let limits = snapshot.policy.limits
        let unknown = snapshot.orgsWithUndecodedMembers()
        let ownerRoles = snapshot.policy.ownerRoleNames
        for key in snapshot.orgSlugs {
            let origin = snapshot.orgs[key]!.origin
            let members = counts.perOrg[key, default: 0]
            if let max = limits.membersPerOrganization, members > max {
                sink.emit(Self.id, #"organization "\#(key)" has \#(counted(members, "member")); the policy allows at most \#(max) ("limits.membersPerOrganization")"#, at: origin)
            }
            let owners = snapshot.members[key]?.values.count { ownerRoles.contains($0.role) } ?? 0
            if !unknown.contains(key), owners > 0, owners < limits.minOwnersPerOrganization {
                sink.emit(Self.id, #"organization "\#(key)" has \#(counted(owners, "owner")); the policy requires at least \#(limits.minOwnersPerOrganization) ("limits.minOwnersPerOrganization")"#, at: origin)
            }
            let pending = snapshot.invitations[key]?.values.count { $0.status == .pending } ?? 0
            if let max = snapshot.policy.invitations.maxPendingPerOrganization, pending > max {
                sink.emit(Self.id, #"organization "\#(key)" has \#(counted(pending, "pending invitation")); the policy allows at most \#(max) ("invitations.maxPendingPerOrganization")"#, at: origin)
            }
        }
        guard let max = limits.organizationsPerUser else { return }
        for handle in snapshot.userHandles where counts.perUser[handle, default: 0] > max {
            sink.emit(Self.id, #"user "\#(handle)" is a member of \#(counted(counts.perUser[handle]!, "organization")); the policy allows at most \#(max) ("limits.organizationsPerUser")"#, at: snapshot.users[handle]!.origin)
        }
    }

    /// Membership files (decoded or not: each is a membership) per organization and per
    /// user, with those a scoped snapshot counted outside itself.
    private struct MemberCounts {
        var perOrg: [String: Int] = [:]
        var perUser: [String: Int] = [:]

        init(_ snapshot: Snapshot) {
            perUser = snapshot.membershipsElsewhere
            for case .member(let org, let user) in snapshot.present {
                perOrg[org, default: 0] += 1
                perUser[user, default: 0] += 1
            }
        }
    }
}
