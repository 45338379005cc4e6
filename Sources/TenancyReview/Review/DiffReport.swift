import TenancyCore

/// The changes of a diff and the diagnostics about it, ready to print for a review:
///
///     acme:
///       + bob (member)
///       ~ carol: member -> admin
///       - dave (admin)
public struct DiffReport: Sendable {
    public var changes: [AccessChange]
    public var diagnostics: DiagnosticReport

    public init(changes: [AccessChange], diagnostics: DiagnosticReport) {
        self.changes = changes
        self.diagnostics = diagnostics
    }

    public func rendered(as format: OutputFormat, colour: Bool) -> String {
        switch format {
        // Changes are no table: as text.
        case .text, .csv, .md: text(colour: colour) + "\n" + TextReporter(colour: colour).render(diagnostics)
        case .json: json
        case .github: github + GitHubReporter.render(diagnostics)
        }
    }

    /// One block per organization (users first), one line per change, escaped
    /// (`TerminalText`): names and emails come from the files under review. On a
    /// terminal, headings are bold and a gain green, a loss red, a change yellow.
    func text(colour: Bool) -> String {
        guard !changes.isEmpty else { return "no access changes\n" }
        var lines: [String] = []
        var group: String?
        for change in changes {
            if group != .some(change.group) {
                group = .some(change.group)
                lines.append(TerminalColour.styled(TerminalText.escaped(change.group) + ":", .bold, if: colour))
            }
            let summary = TerminalText.escaped(change.summary)
            lines.append("  " + TerminalColour.styled(summary, Self.style(of: summary), if: colour))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The style of a summary by its first character (`summary`'s `+`, `-`, `~`).
    private static func style(of summary: String) -> TerminalColour.Style {
        switch summary.first {
        case "+": .green
        case "-": .red
        default: .yellow
        }
    }

    /// `{"version", "changes": [...], "diagnostics": [...], "errorCount", "fileCount"?,
    /// "warningCount"}` (docs/JSON.md), every path under the registry as diagnostics print it.
    var json: String {
        let changes = OutputValue.array(changes.map { $0.json(root: diagnostics.root) })
        return OutputValue.document([("changes", changes)] + JSONReporter.members(of: diagnostics))
    }

    /// A `::notice` per change, on its file when the head snapshot still has it.
    var github: String {
        changes.map { change in
            var properties: [String] = []
            if !change.isRemoval {
                let file = diagnostics.root.isEmpty ? change.path : diagnostics.root + "/" + change.path
                properties.append("file=" + GitHubReporter.escapeProperty(file))
            }
            properties.append("title=" + GitHubReporter.escapeProperty(change.kind))
            let subject = change.group
            return "::notice \(properties.joined(separator: ","))::"
                + GitHubReporter.escapeData("\(subject): \(change.summary)") + "\n"
        }.joined()
    }
}

extension AccessChange {
    /// The heading a reviewer finds the change under: its organization, `users` or `policy`.
    var group: String {
        if case .policyChanged = self { return "policy" }
        return org?.rawValue ?? "users"
    }

    /// Whether the change's file is gone from the head snapshot.
    var isRemoval: Bool {
        switch self {
        case .userRemoved, .orgDeleted, .memberRemoved, .projectDeleted, .projectMemberRemoved, .invitationDeleted: true
        default: false
        }
    }

    /// One line: `+` gained, `-` lost, `~` changed.
    public var summary: String {
        switch self {
        case .policyChanged: "~ tenancy.json changed (roles, permissions, assignments, limits or tests)"
        case .userAdded(let user, _): "+ \(user)"
        case .userRemoved(let user, _): "- \(user)"
        case .userRenamed(let from, let to, _): "~ \(from) renamed to \(to)"
        case .userUpdated(let user, _): "~ \(user): name changed"
        case .emailChanged(let user, let from, let to, _): "~ \(user): email \(from) -> \(to)"
        case .loginChanged(let user, let forge, let from?, let to?, _): "~ \(user): \(forge) login \(from) -> \(to)"
        case .loginChanged(let user, let forge, nil, let to, _): "+ \(user): \(forge) login \(to ?? "")"
        case .loginChanged(let user, let forge, let from, nil, _): "- \(user): \(forge) login \(from ?? "")"
        case .siteAdminGranted(let user, _): "+ \(user): site admin"
        case .siteAdminRevoked(let user, _): "- \(user): site admin"
        case .orgCreated(_, let kind, _): "+ organization created (\(kind.rawValue))"
        case .orgRenamed(_, let from, _, _): "~ organization renamed from \(from)"
        case .orgConverted: "~ organization converted: personal -> team"
        case .orgUpdated: "~ organization name, logo or metadata changed"
        case .orgDeleted(_, let kind, _): "- organization deleted (\(kind.rawValue))"
        case .memberAdded(_, let user, let role, _): "+ \(user) (\(role))"
        case .memberRemoved(_, let user, let role, _): "- \(user) (\(role))"
        case .roleChanged(_, let user, let from, let to, _): "~ \(user): \(from) -> \(to)"
        case .assignmentsChanged(_, let user, let from, let to, _): "~ \(user): assignments \(listed(from)) -> \(listed(to))"
        case .projectCreated(_, let project, _): "+ project \(project)"
        case .projectRenamed(_, _, let from, let to, _): "~ project \(to) renamed from \(from)"
        case .projectUpdated(_, let project, _): "~ project \(project): name changed"
        case .projectDeleted(_, let project, _): "- project \(project)"
        case .projectMemberAdded(_, let project, let user, let role, _): "+ \(project)/\(user) (\(role))"
        case .projectMemberRemoved(_, let project, let user, let role, _): "- \(project)/\(user) (\(role))"
        case .projectRoleChanged(_, let project, let user, let from, let to, _): "~ \(project)/\(user): \(from) -> \(to)"
        case .invitationSent(_, let id, let email, let project, let role, _):
            "+ \(Self.invitation(email, id)) sent (\(role)\(project.map { ", project \($0)" } ?? ""))"
        case .invitationExtended(_, let id, let email, _, let to, _): "~ \(Self.invitation(email, id)) extended to \(to)"
        case .invitationChanged(_, let id, let email, _, let from, let to, _):
            "~ \(Self.invitation(email, id)) changed: role \(from) -> \(to)"
        case .invitationAccepted(_, let id, let email, let user, _):
            "~ \(Self.invitation(email, id)) accepted by \(user?.rawValue ?? "")"
        case .invitationDeclined(_, let id, let email, _, _): "~ \(Self.invitation(email, id)) declined"
        case .invitationRevoked(_, let id, let email, _, _): "~ \(Self.invitation(email, id)) revoked"
        case .invitationDeleted(_, let id, let email, let status, _):
            "- \(Self.invitation(email, id)) deleted (\(status.rawValue))"
        }
    }

    /// `invitation bob@example.com [6bce7ab8]`
    private static func invitation(_ email: String, _ id: String) -> String {
        "invitation \(email) [\(id.prefix(8))]"
    }
}
