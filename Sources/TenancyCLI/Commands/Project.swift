import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy project …` and `tenancy project member …`: the keys of the arguments the
/// commands declare and read, then the commands.
enum ProjectCommands {
    static let newSlug = Positional<Slug>.newName("SLUG", help: "The new project's slug.")
    static let slug = Positional<Slug>("SLUG", help: "The project's slug.", completion: .project)
    static let currentSlug = Positional<Slug>("SLUG", help: "The project's current slug.", completion: .project)
    static let name = Option<String>.name(of: "project")
    static let role = Option<RoleName>("role", help: "A project role of the policy.")

    static let group = Command<Context>(
        group: "project", abstract: "Create, rename or delete projects and manage their members.",
        [
            Command(
                mutation: "create", abstract: "Create a project in an organization.",
                arguments: [Shared.org, newSlug, name]
            ) { arguments, context in
                try context.mutate(arguments, scope: orgScope(arguments)) { snapshot, now in
                    try ProjectOperations.create(
                        snapshot, now: now, org: arguments[Shared.org], slug: arguments[Self.newSlug],
                        name: arguments[Self.name])
                }
            },
            Command(
                mutation: "delete", abstract: "Delete a project with its members and invitations.",
                arguments: [Shared.org, slug]
            ) { arguments, context in
                try context.mutate(arguments, scope: orgScope(arguments)) { snapshot, now in
                    try ProjectOperations.delete(snapshot, org: arguments[Shared.org], slug: arguments[Self.slug])
                }
            },
            Command(
                mutation: "rename", abstract: "Change a project's slug.",
                arguments: [Shared.org, currentSlug] + Rename.arguments, exclusive: Rename.exclusive, oneOf: Rename.oneOf
            ) { arguments, context in
                try context.mutate(arguments, scope: orgScope(arguments)) { snapshot, now in
                    try ProjectOperations.rename(
                        snapshot, org: arguments[Shared.org], slug: arguments[Self.currentSlug],
                        to: Rename.newName(arguments))
                }
            },
            Command(
                group: "member", abstract: "Add, change or remove members of a project.",
                [
                    Command(
                        mutation: "add", abstract: "Add an organization member to a project with a role.",
                        arguments: [Shared.org, Shared.project, Shared.user, role]
                    ) { arguments, context in
                        try context.mutate(arguments, scope: orgScope(arguments, users: [Shared.user])) { snapshot, now in
                            let (org, project, user) = projectMember(arguments)
                            return try ProjectOperations.addMember(
                                snapshot, now: now, org: org, project: project, user: user, role: arguments[Self.role])
                        }
                    },
                    Command(
                        mutation: "set", abstract: "Change a project member's role.",
                        arguments: [Shared.org, Shared.project, Shared.user, role]
                    ) { arguments, context in
                        try context.mutate(arguments, scope: orgScope(arguments, users: [Shared.user])) { snapshot, now in
                            let (org, project, user) = projectMember(arguments)
                            return try ProjectOperations.setMember(
                                snapshot, now: now, org: org, project: project, user: user, role: arguments[Self.role])
                        }
                    },
                    Command(
                        mutation: "remove", abstract: "Remove a member from a project.",
                        arguments: [Shared.org, Shared.project, Shared.user]
                    ) { arguments, context in
                        try context.mutate(arguments, scope: orgScope(arguments, users: [Shared.user])) { snapshot, _ in
                            let (org, project, user) = projectMember(arguments)
                            return try ProjectOperations.removeMember(snapshot, org: org, project: project, user: user)
                        }
                    },
                ]),
        ])
}

private func projectMember(_ arguments: ParsedArguments) -> (org: Slug, project: Slug, user: Handle) {
    (arguments[Shared.org], arguments[Shared.project], arguments[Shared.user])
}
