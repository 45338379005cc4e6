import TenancyCore
import TenancyGit
import TenancyReview

let projectCommand = Command(
    group: "project", abstract: "Create, rename or delete projects and manage their members.",
    [
        Command(
            "create", abstract: "Create a project in an organization.",
            positionals: [.org, PositionalSpec("SLUG", help: "The new project's slug.")],
            options: [.name(of: "project", required: true)], mutation: true
        ) { arguments, context in
            try context.mutate(arguments, scope: orgScope(arguments)) { snapshot, now in
                try ProjectOperations.create(
                    snapshot, now: now, org: arguments.required("ORG"), slug: arguments.required("SLUG"),
                    name: arguments.required("name"))
            }
        },
        Command(
            "delete", abstract: "Delete a project with its members and invitations.",
            positionals: [.org, PositionalSpec("SLUG", help: "The project's slug.")],
            mutation: true
        ) { arguments, context in
            try context.mutate(arguments, scope: orgScope(arguments)) { snapshot, now in
                try ProjectOperations.delete(snapshot, org: arguments.required("ORG"), slug: arguments.required("SLUG"))
            }
        },
        Command(
            "rename", abstract: "Change a project's slug.",
            positionals: [.org, PositionalSpec("SLUG", help: "The project's current slug.")],
            options: [.renamedTo("slug")], mutation: true
        ) { arguments, context in
            try context.mutate(arguments, scope: orgScope(arguments)) { snapshot, now in
                try ProjectOperations.rename(
                    snapshot, org: arguments.required("ORG"), slug: arguments.required("SLUG"), to: arguments.required("to"))
            }
        },
        Command(
            group: "member", abstract: "Add, change or remove members of a project.",
            [
                Command(
                    "add", abstract: "Add an organization member to a project with a role.",
                    positionals: [.org, .project, .user],
                    options: [projectRoleOption(required: true)], mutation: true
                ) { arguments, context in
                    try context.mutate(arguments, scope: orgScope(arguments, users: ["USER"])) { snapshot, now in
                        let (org, project, user) = projectMember(arguments)
                        return try ProjectOperations.addMember(
                            snapshot, now: now, org: org, project: project, user: user, role: arguments.required("role"))
                    }
                },
                Command(
                    "set", abstract: "Change a project member's role.",
                    positionals: [.org, .project, .user],
                    options: [projectRoleOption(required: true)], mutation: true
                ) { arguments, context in
                    try context.mutate(arguments, scope: orgScope(arguments, users: ["USER"])) { snapshot, now in
                        let (org, project, user) = projectMember(arguments)
                        return try ProjectOperations.setMember(
                            snapshot, now: now, org: org, project: project, user: user, role: arguments.required("role"))
                    }
                },
                Command(
                    "remove", abstract: "Remove a member from a project.",
                    positionals: [.org, .project, .user], mutation: true
                ) { arguments, context in
                    try context.mutate(arguments, scope: orgScope(arguments, users: ["USER"])) { snapshot, _ in
                        let (org, project, user) = projectMember(arguments)
                        return try ProjectOperations.removeMember(snapshot, org: org, project: project, user: user)
                    }
                },
            ]),
    ])

private func projectMember(_ arguments: ParsedArguments) -> (org: String, project: String, user: String) {
    (arguments.required("ORG"), arguments.required("PROJECT"), arguments.required("USER"))
}

private func projectRoleOption(required: Bool) -> OptionSpec {
    OptionSpec("role", help: "A project role of the policy.", required: required)
}
