import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy org …`: the keys of the arguments the commands declare and read, then the commands.
enum OrgCommands {
    static let newSlug = Positional<Slug>.newName("SLUG", help: "The new organization's slug.")
    static let currentSlug = Positional<Slug>("SLUG", help: "The organization's current slug.", completion: .org)
    static let slug = Positional<Slug>("SLUG", help: "The organization's slug.", completion: .org)
    static let personal = Positional<Slug>("PERSONAL", help: "The personal organization's slug.", completion: .org)
    static let name = Option<String>.name(of: "organization")
    static let newName = Option<String?>.name(of: "organization")
    static let owner = Option<Handle>("owner", value: "USER", help: "The first owner.", completion: .user)
    static let metadata = Option<String?>(
        "metadata", value: "JSON", help: "A JSON object replacing the metadata.", format: .metadata)
    static let convertedTo = Option<Slug>.renamedTo("team organization's slug")
    static let newOwner = Option<Handle>("to", value: "USER", help: "The user who becomes an owner.", completion: .user)
    static let formerOwner = Option<Handle?>(
        "from", value: "USER", help: "The owner who steps down to the next role.", completion: .user)

    static let group = Command<Context>(
        group: "org", abstract: "Create, rename, change, convert, transfer or delete organizations.",
        [
            Command(
                mutation: "create", abstract: "Create a team organization with its first owner.",
                arguments: [newSlug, name, owner, Shared.logo]
            ) { arguments, context in
                try context.mutate(arguments) { snapshot, now in
                    try OrgOperations.create(
                        snapshot, now: now, slug: arguments[Self.newSlug], name: arguments[Self.name],
                        owner: arguments[Self.owner], logo: arguments[Shared.logo])
                }
            },
            Command(
                mutation: "rename", abstract: "Change an organization's slug; the old one stays taken.",
                discussion: "The old slug stays taken by this organization, which may be renamed back to it.",
                arguments: [currentSlug] + Rename.arguments, exclusive: Rename.exclusive, oneOf: Rename.oneOf
            ) { arguments, context in
                try context.mutate(arguments) { snapshot, now in
                    try OrgOperations.rename(snapshot, slug: arguments[Self.currentSlug], to: Rename.newName(arguments))
                }
            },
            Command(
                mutation: "set", abstract: "Change an organization's name, logo or metadata.",
                arguments: [slug, newName, Shared.logo, metadata], oneOf: [[newName, Shared.logo, metadata]]
            ) { arguments, context in
                let slug = arguments[Self.slug]
                try context.mutate(arguments, scope: Scope(orgs: [slug])) { snapshot, now in
                    try OrgOperations.set(
                        snapshot, slug: slug, name: arguments[Self.newName], logo: arguments[Shared.logo],
                        metadata: arguments[Self.metadata])
                }
            },
            Command(
                mutation: "delete", abstract: "Delete an organization with its members, projects and invitations.",
                arguments: [slug]
            ) { arguments, context in
                let slug = arguments[Self.slug]
                try context.mutate(arguments, scope: Scope(orgs: [slug])) { snapshot, now in
                    try OrgOperations.delete(snapshot, slug: slug)
                }
            },
            Command(
                mutation: "convert", abstract: "Turn a personal organization into a team organization (one way).",
                discussion: "Moves its projects, members and invitations to the new slug.",
                arguments: [personal, convertedTo, newName]
            ) { arguments, context in
                try context.mutate(arguments) { snapshot, now in
                    try OrgOperations.convert(
                        snapshot, now: now, personal: arguments[Self.personal], to: arguments[Self.convertedTo],
                        name: arguments[Self.newName])
                }
            },
            Command(
                mutation: "transfer", abstract: "Make a user an owner, stepping another owner down, in one change.",
                arguments: [Shared.org, newOwner, formerOwner]
            ) { arguments, context in
                let org = arguments[Shared.org], to = arguments[Self.newOwner], from = arguments[Self.formerOwner]
                let scope = Scope(orgs: [org], users: from.map { [$0] } ?? [], countingMembershipsOf: [to])
                try context.mutate(arguments, scope: scope) { snapshot, now in
                    try OrgOperations.transfer(snapshot, now: now, org: org, to: to, from: from)
                }
            },
        ])
}
