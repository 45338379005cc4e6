import TenancyCore
import TenancyGit
import TenancyReview

let orgCommand = Command(
    group: "org", abstract: "Create, rename, change, convert, transfer or delete organizations.",
    [
        Command(
            "create", abstract: "Create a team organization with its first owner.",
            positionals: [PositionalSpec("SLUG", help: "The new organization's slug.")],
            options: [
                .name(of: "organization", required: true),
                OptionSpec("owner", value: "USER", help: "The first owner.", required: true),
                .logo,
            ],
            mutation: true
        ) { arguments, context in
            try context.mutate(arguments) { snapshot, now in
                try OrgOperations.create(
                    snapshot, now: now, slug: arguments.required("SLUG"), name: arguments.required("name"),
                    owner: arguments.required("owner"), logo: arguments.value("logo"))
            }
        },
        Command(
            "rename", abstract: "Change an organization's slug; the old one stays taken.",
            discussion: "The old slug stays taken by this organization, which may be renamed back to it.",
            positionals: [PositionalSpec("SLUG", help: "The organization's current slug.")],
            options: [.renamedTo("slug")], mutation: true
        ) { arguments, context in
            try context.mutate(arguments) { snapshot, now in
                try OrgOperations.rename(snapshot, slug: arguments.required("SLUG"), to: arguments.required("to"))
            }
        },
        Command(
            "set", abstract: "Change an organization's name, logo or metadata.",
            positionals: [PositionalSpec("SLUG", help: "The organization's slug.")],
            options: [
                .name(of: "organization"), .logo,
                OptionSpec(
                    "metadata", value: "JSON", help: "A JSON object replacing the metadata.", format: .metadata),
            ],
            mutation: true
        ) { arguments, context in
            try context.mutate(arguments, scope: Scope(orgs: [arguments.required("SLUG")])) { snapshot, now in
                try OrgOperations.set(
                    snapshot, slug: arguments.required("SLUG"), name: arguments.value("name"),
                    logo: arguments.value("logo"), metadata: arguments.value("metadata"))
            }
        },
        Command(
            "delete", abstract: "Delete an organization with its members, projects and invitations.",
            positionals: [PositionalSpec("SLUG", help: "The organization's slug.")],
            mutation: true
        ) { arguments, context in
            try context.mutate(arguments, scope: Scope(orgs: [arguments.required("SLUG")])) { snapshot, now in
                try OrgOperations.delete(snapshot, slug: arguments.required("SLUG"))
            }
        },
        Command(
            "convert", abstract: "Turn a personal organization into a team organization (one way).",
            discussion: "Moves its projects, members and invitations to the new slug.",
            positionals: [PositionalSpec("PERSONAL", help: "The personal organization's slug.")],
            options: [.renamedTo("team organization's slug"), .name(of: "organization")],
            mutation: true
        ) { arguments, context in
            try context.mutate(arguments) { snapshot, now in
                try OrgOperations.convert(
                    snapshot, now: now, personal: arguments.required("PERSONAL"), to: arguments.required("to"),
                    name: arguments.value("name"))
            }
        },
        Command(
            "transfer", abstract: "Make a user an owner, stepping another owner down, in one change.",
            positionals: [.org],
            options: [
                OptionSpec("to", value: "USER", help: "The user who becomes an owner.", required: true),
                OptionSpec(
                    "from", value: "USER", help: "The owner who steps down to the next role."),
            ],
            mutation: true
        ) { arguments, context in
            let scope = Scope(
                orgs: [arguments.required("ORG")], users: arguments.value("from").map { [$0] } ?? [],
                countingMembershipsOf: [arguments.required("to")])
            try context.mutate(arguments, scope: scope) { snapshot, now in
                try OrgOperations.transfer(
                    snapshot, now: now, org: arguments.required("ORG"), to: arguments.required("to"),
                    from: arguments.value("from"))
            }
        },
    ])
