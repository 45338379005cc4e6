/// A user has at most one membership per organization and per project, by the `user`
/// value of the membership files.
///
/// With two memberships a user would hold two roles at once, and which one counts would
/// depend on reading order.
///
/// Failing: `orgs/acme/members/robert.json` with `"user": "bob"` next to
/// `orgs/acme/members/bob.json`. Passing: one file per member.
///
/// On disk each member file is named by its handle, so the failing case also breaks
/// `key-mismatch` (its example names it as a companion).
public struct SingleMembershipRule: StateRule {
    public static let id = RuleID(Self.self)
    public static let summary = "a user has at most one membership per organization and per project"
    public static let examples = RuleExamples(
        passing: [["orgs/acme/projects/web/members/alice.json": """
            {
              "createdAt": "2026-11-21T09:30:00Z",
              "role": "admin",
              "user": "alice"
            }

            """]],
        failing: [["orgs/acme/members/robert.json": """
            {
              "createdAt": "2026-11-22T10:00:00Z",
              "role": "admin",
              "user": ↓"bob"
            }

            """]],
        companions: [KeyMismatchRule.id])

    public init() {}

    public func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink) {
        for (org, byUser) in snapshot.members {
            for (member, first) in secondMemberships(byUser, user: \.user) {
                sink.emit(
                    Self.id, #"user "\#(member.user)" has a second membership of organization "\#(org)" (the first is \#(first.origin.path))"#,
                    at: member, .user)
            }
        }
        for (key, byUser) in snapshot.projectMembers {
            for (member, first) in secondMemberships(byUser, user: \.user) {
                sink.emit(
                    Self.id, #"user "\#(member.user)" has a second membership of project "\#(key.org)/\#(key.project)" (the first is \#(first.origin.path))"#,
                    at: member, .user)
            }
        }
    }

    /// Memberships naming a user that one earlier in path order already names. Files are
    /// named for their user, so unless a file names someone else (`key-mismatch`), there
    /// is nothing to look for.
    private func secondMemberships<Member>(_ byUser: [Handle: Member], user: (Member) -> Handle)
        -> [(item: Member, first: Member)]
    {
        guard byUser.contains(where: { user($0.value) != $0.key }) else { return [] }
        let clashes = repeated(byUser, key: { user($0.value) }, by: { $0.key < $1.key })
        return clashes.map { ($0.item.value, $0.first.value) }
    }
}
