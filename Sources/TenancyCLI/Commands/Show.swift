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
                    throw Failure(.ruleViolations, "no user '\(handle)' in \(context.registry)")
                }
                let orgs = snapshot.organizations(of: Handle(unchecked: handle)).map { "\($0.org) (\($0.role))" }
                let projects = snapshot.projectMemberships(of: handle).map { "\($0.org)/\($0.project) (\($0.role))" }
                context.printRecord([
                    ("handle", user.handle), ("name", user.name), ("email", user.email), ("id", user.id),
                    ("siteAdmin", user.siteAdmin == true ? "yes" : "no"),
                    ("organizations", orgs.joined(separator: ", ")), ("projects", projects.joined(separator: ", ")),
                ])
            },
            Command("org", abstract: "Show an organization with its members and projects.", arguments: [Shared.org]) {
                arguments, context in
                let (snapshot, org) = try context.organization(arguments[Shared.org])
                let members = snapshot.memberships(in: org.slug).map { "\($0.user) (\($0.role))" }
                let projects = (snapshot.projects[org.slug] ?? [:]).keys.sorted()
                let pending = (snapshot.invitations[org.slug] ?? [:]).values.filter { $0.status == .pending }
                context.printRecord([
                    ("slug", org.slug), ("name", org.name), ("kind", org.kind.rawValue), ("id", org.id),
                    ("personalOf", org.personalOf?.rawValue ?? ""), ("previousSlugs", org.previousSlugs.map(\.rawValue).joined(separator: ", ")),
                    ("members", members.joined(separator: ", ")), ("projects", projects.joined(separator: ", ")),
                    ("pendingInvitations", String(pending.count)),
                ])
            },
            Command(
                "project", abstract: "Show a project with its members.", arguments: [Shared.org, Shared.project]
            ) { arguments, context in
                let (snapshot, org) = try context.organization(arguments[Shared.org])
                let slug = arguments[Shared.project]
                guard let project = snapshot.projects[org.slug]?[slug] else {
                    throw Failure(.ruleViolations, "no project '\(slug)' in organization '\(org.slug)'")
                }
                let members = snapshot.projectMemberships(in: Snapshot.ProjectKey(org: org.slug, project: slug))
                    .map { "\($0.user) (\($0.role))" }
                context.printRecord([
                    ("org", org.slug), ("slug", project.slug), ("name", project.name), ("id", project.id),
                    ("members", members.joined(separator: ", ")),
                ])
            },
        ])
}

extension Context {
    /// `key: value` lines, values escaped (`TerminalText`), or (`--format json`) one
    /// object; empty values are left out.
    func printRecord(_ fields: [(String, String)]) {
        let shown = fields.filter { !$0.1.isEmpty }
        if format == .json {
            printJSON(.object(shown.map { JSONMember(key: $0.0, value: JSONNode(.string($0.1))) }))
            return
        }
        let width = shown.map(\.0.count).max() ?? 0
        for (key, value) in shown {
            stdout.writeLine((key + ":").padding(toLength: width + 1, withPad: " ", startingAt: 0) + " " + value)
        }
    }
}
