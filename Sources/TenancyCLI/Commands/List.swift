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
                var rows: [[String]] = []
                try context.openRegistry.forEachUser { handle, user in rows.append([handle, user.name, user.email]) }
                context.printTable(["handle", "name", "email"], rows)
            },
            Command("orgs", abstract: "List every organization.") { _, context in
                var rows: [[String]] = []
                try context.openRegistry.forEachOrg { slug, org, members in
                    rows.append([slug, org.kind.rawValue, String(members), org.name])
                }
                context.printTable(["slug", "kind", "members", "name"], rows)
            },
            Command("members", abstract: "List an organization's members and roles.", arguments: [Shared.org]) {
                arguments, context in
                let (snapshot, org) = try context.organization(arguments[Shared.org])
                context.printTable(
                    ["user", "role", "assignments"],
                    snapshot.memberships(in: org.slug).map { [$0.user, $0.role, $0.assignments.joined(separator: ",")] })
            },
            Command("projects", abstract: "List an organization's projects.", arguments: [Shared.org]) {
                arguments, context in
                let (snapshot, org) = try context.organization(arguments[Shared.org])
                context.printTable(
                    ["slug", "members", "name"],
                    snapshot.projects(in: org.slug).map { project in
                        let key = Snapshot.ProjectKey(org: org.slug, project: project.slug)
                        return [project.slug, String(snapshot.projectMembers[key]?.count ?? 0), project.name]
                    })
            },
            Command(
                "invitations", abstract: "List an organization's invitations.", arguments: [Shared.org, status]
            ) { arguments, context in
                let now = try context.now()
                let (snapshot, org) = try context.organization(arguments[Shared.org])
                let wanted = arguments[Self.status]
                let rows = snapshot.invitations(in: org.slug)
                    .map { invitation -> [String] in
                        let status = invitation.isExpired(at: now) ? "expired" : invitation.status.rawValue
                        return [invitation.id, invitation.email, invitation.role, status, invitation.expiresAt.description]
                    }
                    .filter { wanted == nil || $0[3] == wanted }
                context.printTable(["id", "email", "role", "status", "expires"], rows)
            },
        ])
}

extension Context {
    /// The snapshot and one organization of it, or exit 1 naming the missing slug.
    func organization(_ slug: String) throws -> (Snapshot, Organization) {
        let snapshot = try readSnapshot(.org(slug))
        guard let org = snapshot.orgs[slug] else {
            throw Failure(.ruleViolations, "no organization '\(slug)' in \(registry)")
        }
        return (snapshot, org)
    }

    /// Rows as aligned text columns, cells escaped (`TerminalText`) before they are
    /// measured, or (`--format json`) as an array of objects.
    func printTable(_ header: [String], _ rows: [[String]]) {
        if format == .json {
            printJSON(.array(rows.map { row in
                JSONNode(.object(zip(header, row).map { JSONMember(key: $0, value: JSONNode(.string($1))) }))
            }))
            return
        }
        let rows = rows.map { $0.map(TerminalText.escaped) }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        for row in [header.map { $0.uppercased() }] + rows {
            let cells = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }
            stdout.write(String(cells.joined(separator: "  ").trimmingSuffix(" ")) + "\n")
        }
    }
}

extension String {
    func trimmingSuffix(_ character: Character) -> Substring {
        self[..<(lastIndex { $0 != character }.map(index(after:)) ?? startIndex)]
    }
}
