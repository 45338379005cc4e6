import Tenancy

let projectCommand = Command(
    group: "project", abstract: "Create, rename or delete projects and manage their members.",
    [
        Command(
            "create", abstract: "Create a project in an organization.",
            positionals: [.org, PositionalSpec("SLUG", help: "The new project's slug.")],
            options: [.name(of: "project", required: true)], mutation: true),
        Command(
            "delete", abstract: "Delete a project with its members and invitations.",
            positionals: [.org, PositionalSpec("SLUG", help: "The project's slug.")],
            mutation: true),
        Command(
            "rename", abstract: "Change a project's slug.",
            positionals: [.org, PositionalSpec("SLUG", help: "The project's current slug.")],
            options: [.renamedTo("slug")], mutation: true),
        Command(
            group: "member", abstract: "Add, change or remove members of a project.",
            [
                Command(
                    "add", abstract: "Add an organization member to a project with a role.",
                    positionals: [.org, .project, .user],
                    options: [projectRoleOption(required: true)], mutation: true),
                Command(
                    "set", abstract: "Change a project member's role.",
                    positionals: [.org, .project, .user],
                    options: [projectRoleOption(required: true)], mutation: true),
                Command(
                    "remove", abstract: "Remove a member from a project.",
                    positionals: [.org, .project, .user], mutation: true),
            ]),
    ])

private func projectRoleOption(required: Bool) -> OptionSpec {
    OptionSpec("role", help: "A project role of the policy.", required: required)
}
