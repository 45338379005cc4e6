import TenancyCore
import TenancyGit
import TenancyReview

/// `tenancy show …`, whose commands read only shared arguments.
enum ShowCommands {
    static let group = Command<Context>(
        group: "show", abstract: "Show one entity with its memberships.",
        [
            Command("user", abstract: "Show a user with their organizations and projects.", arguments: [Shared.user]) {
                arguments, context in
                let handle = arguments[Shared.user]
                let snapshot = try context.readSnapshot(.user(handle))
                guard let user = snapshot.users[handle] else {
                    throw Failure(.ruleViolations, "no user '\(handle)' in \(context.registry)" + Suggestion.hint(handle.rawValue, .user, root: context.registryRoot))
                }
                let orgs = snapshot.organizations(of: handle).map { membership -> OutputValue in
                    ["org": .string(membership.org.rawValue), "role": .string(membership.role.rawValue), "assignments": .strings(membership.assignments)]
                }
                let projects = snapshot.projectMemberships(of: handle).map { membership -> OutputValue in
                    ["org": .string(membership.org.rawValue), "project": .string(membership.project.rawValue), "role": .string(membership.role.rawValue)]
                }
                context.printRecord([
                    ("handle", .string(user.handle.rawValue)), ("name", .string(user.name)), ("email", .string(user.email)),
                    ("logins", .object(user.logins.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, .string($0.value)) })),
                    ("id", .string(user.id)), ("siteAdmin", .bool(user.siteAdmin == true)),
                    ("organizations", .array(orgs)), ("projects", .array(projects)),
                ])
            },
            Command("org", abstract: "Show an organization with its members and projects.", arguments: [Shared.org]) {
                arguments, context in
                let (snapshot, org) = try context.organization(arguments[Shared.org])
                let members = snapshot.memberships(in: org.slug).map { membership -> OutputValue in
                    [
                        "user": .string(membership.user.rawValue), "name": .optional(snapshot.users[membership.user]?.name),
                        "role": .string(membership.role.rawValue), "assignments": .strings(membership.assignments),
                    ]
                }
                let projects = snapshot.projects(in: org.slug).map { project -> OutputValue in
                    ["slug": .string(project.slug.rawValue), "name": .string(project.name)]
                }
                let pending = (snapshot.invitations[org.slug] ?? [:]).values.filter { $0.status == .pending }
                context.printRecord([
                    ("slug", .string(org.slug.rawValue)), ("name", .string(org.name)), ("kind", .string(org.kind.rawValue)),
                    ("id", .string(org.id)), ("personalOf", .optional(org.personalOf?.rawValue)),
                    ("previousSlugs", .strings(org.previousSlugs.map(\.rawValue))), ("members", .array(members)),
                    ("projects", .array(projects)), ("pendingInvitations", .int(pending.count)),
                ])
            },
            Command(
                "project", abstract: "Show a project with its members.", arguments: [Shared.org, Shared.project]
            ) { arguments, context in
                let (snapshot, org) = try context.organization(arguments[Shared.org])
                let slug = arguments[Shared.project]
                guard let project = snapshot.projects[org.slug]?[slug] else {
                    throw Failure(.ruleViolations, "no project '\(slug)' in organization '\(org.slug)'" + Suggestion.hint(slug.rawValue, .project, org: org.slug.rawValue, root: context.registryRoot))
                }
                let members = snapshot.projectMemberships(in: Snapshot.ProjectKey(org: org.slug, project: slug))
                    .map { membership -> OutputValue in
                        [
                            "user": .string(membership.user.rawValue), "name": .optional(snapshot.users[membership.user]?.name),
                            "role": .string(membership.role.rawValue),
                        ]
                    }
                context.printRecord([
                    ("org", .string(org.slug.rawValue)), ("slug", .string(project.slug.rawValue)), ("name", .string(project.name)),
                    ("id", .string(project.id)), ("members", .array(members)),
                ])
            },
        ])
}
