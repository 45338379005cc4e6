import Tenancy

let showCommand = Command(
    group: "show", abstract: "Show one entity with its memberships.",
    [
        Command("user", abstract: "Show a user with their organizations and projects.", positionals: [.user]),
        Command("org", abstract: "Show an organization with its members and projects.", positionals: [.org]),
        Command(
            "project", abstract: "Show a project with its members.", positionals: [.org, .project]),
    ])
