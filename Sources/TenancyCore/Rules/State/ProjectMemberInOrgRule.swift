/// Every project member is also a member (with any role) of the project's organization.
///
/// Organization membership is the boundary of a tenant: removing someone from an
/// organization must remove all of their access there, which it cannot if a project
/// membership survives on its own.
///
/// Failing: `bob` stays a member of project `acme/web` after leaving `acme`. Passing:
/// `alice`, a member of `acme`, joins `acme/web`.
public struct ProjectMemberInOrgRule: StateRule {
    public static let id = RuleID(Self.self)
    public static let summary = "every project member is a member (any role) of the project's organization"
    public static let examples = RuleExamples(
        passing: [["orgs/acme/projects/web/members/alice.json": """
            {
              "createdAt": "2026-11-21T09:30:00Z",
              "role": "admin",
              "user": "alice"
            }

            """]],
        failing: [[
            "orgs/acme/members/bob.json": nil,
            "orgs/acme/projects/web/members/bob.json": """
                {
                  "createdAt": "2026-11-21T09:30:00Z",
                  "role": "member",
                  "user": ↓"bob"
                }

                """,
        ]])

    public init() {}

    /// A user that does not exist at all is left to `dangling-reference`.
    public func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink) {
        for member in snapshot.everyProjectMembership
        where snapshot.present.contains(.user(member.user)) && !snapshot.present.contains(.member(org: member.org, user: member.user)) {
            sink.emit(
                Self.id, #"user "\#(member.user)" is a member of project "\#(member.org)/\#(member.project)" but not of organization "\#(member.org)""#,
                at: member, .user)
        }
    }
}
