/// Every organization has at least one member whose role is an owner role.
///
/// Otherwise nobody could manage the organization, its members or its invitations, short
/// of a site administrator. (A higher minimum, `limits.minOwnersPerOrganization`, is the
/// `limits` rule's.)
///
/// Failing: `alice`, the only owner of `acme`, becomes a `member`. Passing: `bob` becomes
/// a second owner.
public struct OwnerRemainsRule: StateRule {
    public static let id = RuleID(Self.self)
    public static let summary = "every organization has at least one member with an owner role"
    public static let examples = RuleExamples(
        passing: [["orgs/acme/members/bob.json": RuleExamples.member("bob", "owner")]],
        failing: [["orgs/acme/members/alice.json": """
            {
              "createdAt": "2026-11-21T09:30:00Z",
              "role": ↓"member",
              "user": "alice"
            }

            """]])

    public init() {}

    /// Organizations with an undecoded member file are skipped: that member may be the owner.
    public func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink) {
        guard snapshot.policyDecoded else { return }
        let policy = snapshot.policy
        let ownerRoles = policy.ownerRoleNames
        let ownerless = snapshot.orgs.keys.filter { key in
            !(snapshot.members[key]?.values.contains { ownerRoles.contains($0.role) } ?? false)
        }
        guard !ownerless.isEmpty else { return }
        let unknown = snapshot.orgsWithUndecodedMembers()
        for key in ownerless where !unknown.contains(key) {
            let roles = quotedList(policy.organizationRoles.filter(\.owner).map(\.name.rawValue))
            // The highest-ranked member is the likeliest to have been the owner; of equals,
            // the first by file name.
            let highest = (snapshot.members[key] ?? [:]).min {
                (rank($0.value, policy), $0.key) < (rank($1.value, policy), $1.key)
            }?.value
            guard let highest else {
                sink.emit(Self.id, #"organization "\#(key)" has no owner: it has no members"#, at: snapshot.orgs[key]!)
                continue
            }
            sink.emit(
                Self.id, #"organization "\#(key)" has no member with an owner role (\#(roles)); its highest member "\#(highest.user)" is "\#(highest.role)""#,
                at: highest, .role)
        }
    }

    /// Unknown roles rank below every defined one.
    private func rank(_ member: Membership, _ policy: Policy) -> Int {
        policy.rank(ofOrganizationRole: member.role) ?? Int.max
    }
}
