import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy member …`: the keys of the arguments the commands declare and read, then the commands.
enum MemberCommands {
    static let role = Option<RoleName>("role", help: "An organization role of the policy.")
    static let newRole = Option<RoleName?>("role", help: "An organization role of the policy.")
    static let assign = Option<[String]>("assign", value: "ASSIGNMENT", help: "A permission bundle of the policy.")
    static let replaceAssignments = Option<[String]>(
        "assign", value: "ASSIGNMENT", help: "A permission bundle of the policy; those given replace all the member's.")
    static let addAssignment = Option<[String]>(
        "add-assignment", value: "ASSIGNMENT", help: "Give the member this permission bundle too.")
    static let removeAssignment = Option<[String]>(
        "remove-assignment", value: "ASSIGNMENT", help: "Take this permission bundle from the member.")

    static let group = Command<Context>(
        group: "member", abstract: "Add, change or remove members of an organization.",
        [
            Command(
                mutation: "add", abstract: "Add a user to an organization with a role.",
                arguments: [Shared.org, Shared.user, role, assign]
            ) { arguments, context in
                let org = arguments[Shared.org], user = arguments[Shared.user]
                try context.mutate(arguments, scope: Scope(orgs: [org], countingMembershipsOf: [user])) { snapshot, now in
                    try MemberOperations.add(
                        snapshot, now: now, org: org, user: user, role: arguments[Self.role],
                        assignments: arguments[Self.assign])
                }
            },
            Command(
                mutation: "set", abstract: "Change a member's role or assignments.",
                discussion: """
                    --assign replaces the member's assignments with those given; --add-assignment and
                    --remove-assignment change them one at a time. What the member already has changes
                    nothing.
                    """,
                arguments: [Shared.org, Shared.user, newRole, replaceAssignments, addAssignment, removeAssignment],
                exclusive: [[replaceAssignments, addAssignment], [replaceAssignments, removeAssignment]],
                oneOf: [[newRole, replaceAssignments, addAssignment, removeAssignment]]
            ) { arguments, context in
                let assignments = arguments[Self.replaceAssignments]
                try context.mutate(arguments, scope: orgScope(arguments, users: [Shared.user])) { snapshot, now in
                    try MemberOperations.set(
                        snapshot, now: now, org: arguments[Shared.org], user: arguments[Shared.user],
                        role: arguments[Self.newRole], assignments: assignments.isEmpty ? nil : assignments,
                        adding: arguments[Self.addAssignment], removing: arguments[Self.removeAssignment])
                }
            },
            Command(
                mutation: "remove", abstract: "Remove a member and their project memberships.",
                discussion: "Refused if it would leave the organization without an owner.",
                arguments: [Shared.org, Shared.user], run: removeMember),
            Command(
                mutation: "leave", abstract: "Leave an organization (as that user).",
                discussion: "Refused if it would leave the organization without an owner.",
                arguments: [Shared.org, Shared.user], run: removeMember),
        ])

    /// `leave` is `remove` done by the member themself; they differ once `--as` authorizes.
    private static let removeMember: Command<Context>.Run = { arguments, context in
        try context.mutate(arguments, scope: orgScope(arguments, users: [Shared.user])) { snapshot, _ in
            try MemberOperations.remove(snapshot, org: arguments[Shared.org], user: arguments[Shared.user])
        }
    }
}
