/// Roles and assignments exist in the policy for their scope: a membership's `role` is
/// an organization role, a project membership's `role` a project role, an invitation's
/// `role` an organization role and its `projectRole` a project role, and every entry of
/// `assignments` an assignment of the policy. Every member whose role is not an owner
/// role holds each `required` assignment.
///
/// An unknown role grants nothing the application can explain, and is usually a typo or
/// a role the policy dropped; a required assignment (such as a viewer bundle) is what
/// every member is meant to have.
///
/// Failing: `"role": "boss"` in `orgs/acme/members/bob.json`. Passing: `"role": "admin"`.
public struct RoleDefinedRule: StateRule {
    public static let id = RuleID(Self.self)
    public static let summary = "roles and assignments exist in the policy for their scope; required assignments held"
    public static let examples = RuleExamples(
        passing: [
            ["orgs/acme/members/bob.json": RuleExamples.member("bob", "admin")],
            ["tenancy.json": viewerPolicy, "orgs/acme/members/bob.json": bob(assignments: #"[\#n    "viewer"\#n  ]"#)],
        ],
        failing: [
            ["orgs/acme/members/bob.json": """
                {
                  "createdAt": "2026-11-21T09:30:00Z",
                  "role": ↓"boss",
                  "user": "bob"
                }

                """],
            ["orgs/acme/projects/web/members/bob.json": """
                {
                  "createdAt": "2026-11-21T09:30:00Z",
                  "role": ↓"owner",
                  "user": "bob"
                }

                """],
            ["orgs/acme/members/bob.json": bob(assignments: #"[\#n    ↓"viewer"\#n  ]"#)],
            ["tenancy.json": viewerPolicy, "orgs/acme/members/bob.json": bob(assignments: "↓[]")],
        ])

    /// A policy with one required assignment, `viewer`.
    private static let viewerPolicy = """
        {
          "assignments": [
            {
              "name": "viewer",
              "permissions": [
                "org:read"
              ],
              "required": true
            }
          ],
          "format": 1
        }

        """

    /// `bob`'s membership of `acme` with the given `assignments` JSON.
    private static func bob(assignments: String) -> String {
        """
        {
          "assignments": \(assignments),
          "createdAt": "2026-11-21T09:30:00Z",
          "role": "member",
          "user": "bob"
        }

        """
    }

    public init() {}

    /// The policy's names, as sets for constant-time lookups.
    private struct Names {
        var organizationRoles: Set<RoleName>
        var projectRoles: Set<RoleName>
        var ownerRoles: Set<RoleName>
        var assignments: Set<String>
        var required: [String]

        init(_ policy: Policy) {
            organizationRoles = Set(policy.organizationRoles.map(\.name))
            projectRoles = Set(policy.projectRoles.map(\.name))
            ownerRoles = policy.ownerRoleNames
            assignments = Set(policy.assignments.map(\.name))
            required = policy.requiredAssignments
        }
    }

    public func check(_ snapshot: Snapshot, into sink: inout DiagnosticSink) {
        guard snapshot.policyDecoded else { return }
        let names = Names(snapshot.policy)
        let organizationRoles = quotedList(snapshot.policy.organizationRoles.map(\.name.rawValue))
        let projectRoles = quotedList(snapshot.policy.projectRoles.map(\.name.rawValue))
        for member in snapshot.everyMembership {
            if !names.organizationRoles.contains(member.role) {
                sink.emit(Self.id, #"role "\#(member.role)" of \#(whose(member)) is not an organization role (\#(organizationRoles))"#, at: member, .role)
            }
            checkAssignments(member, names, &sink)
        }
        for member in snapshot.everyProjectMembership where !names.projectRoles.contains(member.role) {
            sink.emit(
                Self.id, #"role "\#(member.role)" of "\#(member.user)" in project "\#(member.org)/\#(member.project)" is not a project role (\#(projectRoles))"#,
                at: member, .role)
        }
        for invitation in snapshot.everyInvitation {
            if !names.organizationRoles.contains(invitation.role) {
                sink.emit(Self.id, #"invitation role "\#(invitation.role)" is not an organization role (\#(organizationRoles))"#, at: invitation, .role)
            }
            if let role = invitation.projectRole, !names.projectRoles.contains(role) {
                sink.emit(Self.id, #"invitation project role "\#(role)" is not a project role (\#(projectRoles))"#, at: invitation, .projectRole)
            }
        }
    }

    /// Unknown assignments, then the required ones missing; a member with an unknown
    /// role is not checked for required assignments, as its role is reported already.
    private func checkAssignments(_ member: Membership, _ names: Names, _ sink: inout DiagnosticSink) {
        for (index, name) in member.assignments.enumerated() where !names.assignments.contains(name) {
            sink.emit(Self.id, #"assignment "\#(name)" of \#(whose(member)) is not defined in the policy"#, at: member, .assignments, item: index)
        }
        guard !names.required.isEmpty, names.organizationRoles.contains(member.role),
            !names.ownerRoles.contains(member.role)
        else { return }
        for name in names.required where !member.assignments.contains(name) {
            sink.emit(Self.id, #"\#(whose(member)) lacks the required assignment "\#(name)""#, at: member, .assignments)
        }
    }

    /// Built only for a diagnostic: most members have none.
    private func whose(_ member: Membership) -> String {
        #""\#(member.user)" in organization "\#(member.org)""#
    }
}
