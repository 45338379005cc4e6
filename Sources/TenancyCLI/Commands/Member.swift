import TenancyCore
import TenancyGit
import TenancyReview

let memberCommand = Command(
    group: "member", abstract: "Add, change or remove members of an organization.",
    [
        Command(
            "add", abstract: "Add a user to an organization with a role.",
            positionals: [.org, .user],
            options: [roleOption(required: true), assignOption], mutation: true
        ) { arguments, context in
            let scope = Scope(orgs: [arguments.required("ORG")], countingMembershipsOf: [arguments.required("USER")])
            try context.mutate(arguments, scope: scope) { snapshot, now in
                try MemberOperations.add(
                    snapshot, now: now, org: arguments.required("ORG"), user: arguments.required("USER"),
                    role: arguments.required("role"), assignments: arguments.values("assign"))
            }
        },
        Command(
            "set", abstract: "Change a member's role or assignments.",
            discussion: "Given assignments replace the member's assignments.",
            positionals: [.org, .user],
            options: [roleOption(required: false), assignOption], mutation: true
        ) { arguments, context in
            let assignments = arguments.values("assign")
            try context.mutate(arguments, scope: orgScope(arguments, users: ["USER"])) { snapshot, now in
                try MemberOperations.set(
                    snapshot, now: now, org: arguments.required("ORG"), user: arguments.required("USER"),
                    role: arguments.value("role"), assignments: assignments.isEmpty ? nil : assignments)
            }
        },
        Command(
            "remove", abstract: "Remove a member and their project memberships.",
            discussion: "Refused if it would leave the organization without an owner.",
            positionals: [.org, .user], mutation: true, run: removeMember),
        Command(
            "leave", abstract: "Leave an organization (as that user).",
            discussion: "Refused if it would leave the organization without an owner.",
            positionals: [.org, .user], mutation: true, run: removeMember),
    ])

/// `leave` is `remove` done by the member themself; they differ once `--as` authorizes.
private let removeMember: Command.Run = { arguments, context in
    try context.mutate(arguments, scope: orgScope(arguments, users: ["USER"])) { snapshot, _ in
        try MemberOperations.remove(snapshot, org: arguments.required("ORG"), user: arguments.required("USER"))
    }
}

private func roleOption(required: Bool) -> OptionSpec {
    OptionSpec("role", help: "An organization role of the policy.", required: required)
}

private let assignOption = OptionSpec(
    "assign", value: "ASSIGNMENT", help: "A permission bundle of the policy.", repeatable: true)
