import Tenancy

let userCommand = Command(
    group: "user", abstract: "Add, rename, change or remove users.",
    [
        Command(
            "add", abstract: "Add a user, with their personal organization.",
            positionals: [PositionalSpec("HANDLE", help: "The new user's handle.")],
            options: [
                OptionSpec("email", help: "The user's email address.", required: true),
                .name(of: "user"),
                OptionSpec(
                    "personal-org", value: "SLUG",
                    help: "The personal organization's slug (default: the handle)."),
            ],
            mutation: true),
        Command(
            "rename", abstract: "Change a user's handle everywhere it is used.",
            positionals: [
                PositionalSpec("OLD", help: "The current handle."),
                PositionalSpec("NEW", help: "The new handle."),
            ],
            mutation: true),
        Command(
            "remove", abstract: "Remove a user with their memberships and personal organization.",
            positionals: [PositionalSpec("HANDLE", help: "The user's handle.")],
            mutation: true),
        Command(
            "set", abstract: "Change a user's name or email.",
            positionals: [PositionalSpec("HANDLE", help: "The user's handle.")],
            options: [.name(of: "user"), OptionSpec("email", help: "The user's email address.")],
            mutation: true),
    ])
