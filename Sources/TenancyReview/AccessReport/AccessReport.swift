import Foundation
import TenancyCore

/// `tenancy report access`: every user's access at one moment, for a periodic access
/// review: site admin or not, each organization with role and assignments, each project
/// with role. Users by handle, organizations and projects by slug.
public struct AccessReport: Sendable {
    public struct UserAccess: Sendable {
        public var handle: Handle
        public var name: String
        public var email: String
        public var siteAdmin: Bool
        public var organizations: [OrganizationAccess]
        public var projects: [ProjectAccess]
    }

    public struct OrganizationAccess: Sendable {
        public var org: Slug
        public var kind: String
        public var role: RoleName
        public var assignments: [String]
    }

    public struct ProjectAccess: Sendable {
        public var org: Slug
        public var project: Slug
        public var role: RoleName
    }

    /// What was read: `the working tree` or `commit <id>`.
    public var source: String
    public var generatedAt: Timestamp
    public var users: [UserAccess]

    public init(_ snapshot: Snapshot, source: String, generatedAt: Timestamp) {
        self.source = source
        self.generatedAt = generatedAt
        // Grouped in one pass each: asking per user would read every organization per user.
        var organizations: [Handle: [OrganizationAccess]] = [:]
        for membership in snapshot.everyMembership {
            let kind = snapshot.orgs[membership.org]?.kind.rawValue ?? ""
            organizations[membership.user, default: []].append(OrganizationAccess(
                org: membership.org, kind: kind, role: membership.role, assignments: membership.assignments))
        }
        var projects: [Handle: [ProjectAccess]] = [:]
        for (key, members) in snapshot.projectMembers {
            for member in members.values {
                projects[member.user, default: []].append(
                    ProjectAccess(org: key.org, project: key.project, role: member.role))
            }
        }
        users = snapshot.userHandles.compactMap { handle in
            guard let user = snapshot.users[handle] else { return nil }
            return UserAccess(
                handle: handle, name: user.name, email: user.email, siteAdmin: user.siteAdmin == true,
                organizations: (organizations[handle] ?? []).sorted { $0.org < $1.org },
                projects: (projects[handle] ?? []).sorted { ($0.org, $0.project) < ($1.org, $1.project) })
        }
    }

    /// The columns of the tables.
    static let columns = [
        "user", "name", "email", "site_admin", "organization", "organization_kind", "project", "role", "assignments",
    ]

    /// One row per organization membership and per project membership; a user with
    /// neither gets one row, so that every user is reviewed.
    var rows: [[String]] {
        users.flatMap { user in
            let who = [user.handle.rawValue, user.name, user.email, user.siteAdmin ? "yes" : "no"]
            let kinds = Dictionary(user.organizations.map { ($0.org, $0.kind) }) { first, _ in first }
            var rows = user.organizations.map { who + [$0.org.rawValue, $0.kind, "", $0.role.rawValue, $0.assignments.joined(separator: "; ")] }
            rows += user.projects.map { who + [$0.org.rawValue, kinds[$0.org] ?? "", $0.project.rawValue, $0.role.rawValue, ""] }
            return rows.isEmpty ? [who + ["", "", "", "", ""]] : rows
        }
    }

    /// RFC 4180 (CRLF line ends), each cell made safe for a spreadsheet (`CSV.cell`).
    public var csv: String {
        ([Self.columns] + rows).map { $0.map(CSV.cell).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A heading, what was read and when, then one Markdown table.
    public var markdown: String {
        var lines = [
            "# Access review", "",
            "Registry: \(Markdown.cell(source)); generated \(generatedAt); \(users.count) user\(users.count == 1 ? "" : "s").",
            "",
            "| " + Self.columns.joined(separator: " | ") + " |",
            "|" + String(repeating: "---|", count: Self.columns.count),
        ]
        lines += rows.map { "| " + $0.map(Markdown.cell).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"version", "generatedAt", "source", "users": [...]}`
    public var json: String {
        OutputValue.document([
            ("generatedAt", .string(generatedAt.description)), ("source", .string(source)),
            ("users", .array(users.map(\.json))),
        ])
    }
}

extension AccessReport.UserAccess {
    var json: OutputValue {
        [
            "handle": .string(handle.rawValue), "name": .string(name), "email": .string(email), "siteAdmin": .bool(siteAdmin),
            "organizations": .array(organizations.map {
                ["org": .string($0.org.rawValue), "kind": .string($0.kind), "role": .string($0.role.rawValue), "assignments": .strings($0.assignments)]
            }),
            "projects": .array(projects.map { ["org": .string($0.org.rawValue), "project": .string($0.project.rawValue), "role": .string($0.role.rawValue)] }),
        ]
    }
}

/// Cells of a CSV file meant to be opened in a spreadsheet.
enum CSV {
    /// `text` escaped for the terminal (so no tab or line break is left), defused and
    /// quoted: a cell starting with `=`, `+`, `-` or `@` is a formula to a spreadsheet
    /// (CSV injection: a display name `=HYPERLINK(…)` would act when the review is
    /// opened), so it gets a leading `'`, which spreadsheets show as text; a cell with a
    /// comma or a quote is quoted, its quotes doubled.
    static func cell(_ text: String) -> String {
        var cell = TerminalText.escaped(text)
        if let first = cell.first, "=+-@".contains(first) { cell = "'" + cell }
        guard cell.contains(where: { $0 == "," || $0 == "\"" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Cells of a Markdown table.
enum Markdown {
    /// `text` escaped for the terminal, with the characters Markdown would read as a
    /// cell break, emphasis, code, a link or HTML backslash-escaped, and those GitHub
    /// would turn into a link or a mention (`https://…`, `www.…`, an email, `@team`).
    static func cell(_ text: String) -> String {
        var cell = ""
        for character in TerminalText.escaped(text) {
            if "\\|*_`[]<>:.@".contains(character) { cell.append("\\") }
            cell.append(character)
        }
        return cell
    }
}
