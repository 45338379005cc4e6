import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy list …`: the keys of the arguments the commands declare and read, then the commands.
enum ListCommands {
    static let status = Option<String?>(
        "status", help: "Only invitations in this state.",
        choices: ["pending", "accepted", "declined", "revoked", "expired"])

    static let group = Command<Context>(
        group: "list", abstract: "List entities of one kind.",
        [
            Command("users", abstract: "List every user.") { _, context in
                var users: [OutputValue] = []
                try context.openRegistry.forEachUser { handle, user in
                    users.append([
                        "handle": .string(handle.rawValue), "name": .string(user.name), "email": .string(user.email),
                        "siteAdmin": .bool(user.siteAdmin == true),
                    ])
                }
                context.printList("users", users, columns: ["handle", "name", "email"])
            },
            Command("orgs", abstract: "List every organization.") { _, context in
                var orgs: [OutputValue] = []
                try context.openRegistry.forEachOrg { slug, org, members in
                    orgs.append([
                        "slug": .string(slug.rawValue), "kind": .string(org.kind.rawValue),
                        "memberCount": .int(members), "name": .string(org.name),
                    ])
                }
                context.printList("orgs", orgs, columns: ["slug", "kind", Column("MEMBERS", "memberCount"), "name"])
            },
            Command("members", abstract: "List an organization's members and roles.", arguments: [Shared.org]) {
                arguments, context in
                let (snapshot, org) = try context.organization(arguments[Shared.org])
                let members = snapshot.memberships(in: org.slug).map { membership -> OutputValue in
                    let user = snapshot.users[membership.user]
                    return [
                        "user": .string(membership.user.rawValue), "name": .optional(user?.name), "email": .optional(user?.email),
                        "role": .string(membership.role.rawValue), "assignments": .strings(membership.assignments),
                    ]
                }
                context.printList(
                    "members", members, columns: ["user", "name", "email", "role", "assignments"],
                    header: [("org", .string(org.slug.rawValue))])
            },
            Command("projects", abstract: "List an organization's projects.", arguments: [Shared.org]) {
                arguments, context in
                let (snapshot, org) = try context.organization(arguments[Shared.org])
                let projects = snapshot.projects(in: org.slug).map { project -> OutputValue in
                    let key = Snapshot.ProjectKey(org: org.slug, project: project.slug)
                    return [
                        "slug": .string(project.slug.rawValue), "memberCount": .int(snapshot.projectMembers[key]?.count ?? 0),
                        "name": .string(project.name),
                    ]
                }
                context.printList(
                    "projects", projects, columns: ["slug", Column("MEMBERS", "memberCount"), "name"],
                    header: [("org", .string(org.slug.rawValue))])
            },
            Command(
                "invitations", abstract: "List an organization's invitations.",
                arguments: [Shared.org, status]
            ) { arguments, context in
                let now = try context.now()
                let (snapshot, org) = try context.organization(arguments[Shared.org])
                let wanted = arguments[Self.status]
                let invitations = snapshot.invitations(in: org.slug)
                    .map { ($0, $0.isExpired(at: now) ? "expired" : $0.status.rawValue) }
                    .filter { wanted == nil || $0.1 == wanted }
                    .map { invitation, status -> OutputValue in
                        [
                            "id": .string(invitation.id), "email": .string(invitation.email), "role": .string(invitation.role.rawValue),
                            "status": .string(status), "expiresAt": .string(invitation.expiresAt.description),
                            "inviter": .string(invitation.inviter.rawValue), "project": .optional(invitation.project?.rawValue),
                            "projectRole": .optional(invitation.projectRole?.rawValue),
                        ]
                    }
                context.printList(
                    "invitations", invitations,
                    columns: ["id", "email", "role", "status", Column("EXPIRES", "expiresAt"), "inviter", "project"],
                    header: [("org", .string(org.slug.rawValue))])
            },
        ])
}

extension Context {
    /// The snapshot and one organization of it, or exit 1 naming the missing slug.
    func organization(_ slug: Slug) throws -> (Snapshot, Organization) {
        let snapshot = try readSnapshot(.org(slug))
        guard let org = snapshot.orgs[slug] else {
            throw Failure(.ruleViolations, "no organization '\(slug)' in \(registry)" + Suggestion.hint(slug.rawValue, .org, root: registryRoot))
        }
        return (snapshot, org)
    }
}
