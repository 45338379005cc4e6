import Tenancy

let listCommand = Command(
    group: "list", abstract: "List entities of one kind.",
    [
        Command("users", abstract: "List every user."),
        Command("orgs", abstract: "List every organization."),
        Command("members", abstract: "List an organization's members and roles.", positionals: [.org]),
        Command("projects", abstract: "List an organization's projects.", positionals: [.org]),
        Command(
            "invitations", abstract: "List an organization's invitations.", positionals: [.org],
            options: [
                OptionSpec(
                    "status", help: "Only invitations in this state.",
                    choices: ["pending", "accepted", "declined", "revoked", "expired"])
            ]),
    ])
