import TenancyCore
import TenancyGit
import TenancyReview

let userCommand = Command(
    group: "user", abstract: "Add, rename, change or remove users.",
    [
        Command(
            "add", abstract: "Add a user, with their personal organization.",
            positionals: [PositionalSpec("HANDLE", help: "The new user's handle.")],
            options: [
                .email(required: true),
                .name(of: "user"),
                OptionSpec(
                    "personal-org", value: "SLUG",
                    help: "The personal organization's slug (default: the handle)."),
            ],
            mutation: true
        ) { arguments, context in
            try context.mutate(arguments) { snapshot, now in
                try UserOperations.add(
                    snapshot, now: now, handle: arguments.required("HANDLE"), email: arguments.required("email"),
                    name: arguments.value("name"), personalOrg: arguments.value("personal-org"))
            }
        },
        Command(
            "rename", abstract: "Change a user's handle everywhere it is used.",
            positionals: [
                PositionalSpec("OLD", help: "The current handle."),
                PositionalSpec("NEW", help: "The new handle."),
            ],
            mutation: true
        ) { arguments, context in
            try context.mutate(arguments) { snapshot, now in
                try UserOperations.rename(snapshot, from: arguments.required("OLD"), to: arguments.required("NEW"))
            }
        },
        Command(
            "remove", abstract: "Remove a user with their memberships and personal organization.",
            positionals: [PositionalSpec("HANDLE", help: "The user's handle.")],
            mutation: true
        ) { arguments, context in
            try context.mutate(arguments) { snapshot, now in
                try UserOperations.remove(snapshot, handle: arguments.required("HANDLE"))
            }
        },
        Command(
            "set", abstract: "Change a user's name or email.",
            discussion: """
                With --as, users may change their own name, but only a site admin may change an
                email: invitations are addressed to it and the registry cannot verify it.
                """,
            positionals: [PositionalSpec("HANDLE", help: "The user's handle.")],
            options: [.name(of: "user"), .email()],
            mutation: true
        ) { arguments, context in
            // A new email must be unique among all users: only a name change is local.
            let email = arguments.value("email")
            let scope = email == nil ? Scope(users: [arguments.required("HANDLE")]) : nil
            try context.mutate(arguments, scope: scope) { snapshot, now in
                try UserOperations.set(
                    snapshot, handle: arguments.required("HANDLE"), name: arguments.value("name"),
                    email: email)
            }
        },
    ])
