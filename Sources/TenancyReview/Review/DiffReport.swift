import TenancyCore
import Foundation

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
        case .text: text + "\n" + TextReporter(colour: colour).render(diagnostics)
        case .json: json
        case .github: github + GitHubReporter.render(diagnostics)
        }
    }

    /// One block per organization (users first), one line per change, escaped
    /// (`TerminalText`): names and emails come from the files under review.
    var text: String {
        guard !changes.isEmpty else { return "no access changes\n" }
        var lines: [String] = []
        var group: String?
        for change in changes {
            if group != .some(change.group) {
                group = .some(change.group)
                lines.append(TerminalText.escaped(change.group) + ":")
            }
            lines.append("  " + TerminalText.escaped(change.summary))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"changes": [...], "diagnostics": [...], "errorCount", "fileCount"?, "warningCount"}`
    var json: String {
        struct Document: Encodable {
            var changes: [AccessChange]
            var diagnostics: [Diagnostic]
            var errorCount: Int
            var warningCount: Int
            var fileCount: Int?
        }
        let diagnostics = self.diagnostics.diagnostics.map { diagnostic in
            var printed = diagnostic
            printed.path = self.diagnostics.path(of: diagnostic)
            return printed
        }
        let document = Document(
            changes: changes, diagnostics: diagnostics, errorCount: self.diagnostics.errorCount,
            warningCount: self.diagnostics.warningCount, fileCount: self.diagnostics.fileCount)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Strings and integers always encode; a failure here would be a Foundation bug.
        return TerminalText.escapedJSON(String(decoding: try! encoder.encode(document), as: UTF8.self)) + "\n"
    }

    /// A `::notice` per change, on its file when the head snapshot still has it.
    var github: String {
        changes.map { change in
            var properties: [String] = []
            if !change.isRemoval {
                let file = diagnostics.root.isEmpty ? change.path : diagnostics.root + "/" + change.path
                properties.append("file=" + GitHubReporter.escapeProperty(file))
            }
            properties.append("title=" + GitHubReporter.escapeProperty(change.kind.rawValue))
            let subject = change.group
            return "::notice \(properties.joined(separator: ","))::"
                + GitHubReporter.escapeData("\(subject): \(change.summary)") + "\n"
        }.joined()
    }
}

extension AccessChange {
    /// The heading a reviewer finds the change under: its organization, `users` or `policy`.
    var group: String {
        kind == .policyChanged ? "policy" : org ?? "users"
    }

    /// Whether the change's file is gone from the head snapshot.
    var isRemoval: Bool {
        switch kind {
        case .userRemoved, .orgDeleted, .memberRemoved, .projectDeleted, .projectMemberRemoved,
            .invitationDeleted:
            true
        default: false
        }
    }

    /// One line: `+` gained, `-` lost, `~` changed.
    public var summary: String {
        let user = user ?? ""
        let project = project ?? ""
        let from = from ?? ""
        let to = to ?? ""
        let invitation = "invitation \(email ?? "") [\((self.invitation ?? "").prefix(8))]"
        return switch kind {
        case .userAdded: "+ \(user)"
        case .userRemoved: "- \(user)"
        case .userRenamed: "~ \(from) renamed to \(to)"
        case .userUpdated: "~ \(user): name changed"
        case .emailChanged: "~ \(user): email \(from) -> \(to)"
        case .siteAdminGranted: "+ \(user): site admin"
        case .siteAdminRevoked: "- \(user): site admin"
        case .orgCreated: "+ organization created (\(to))"
        case .orgRenamed: "~ organization renamed from \(from)"
        case .orgConverted: "~ organization converted: \(from) -> \(to)"
        case .orgUpdated: "~ organization name, logo or metadata changed"
        case .orgDeleted: "- organization deleted (\(from))"
        case .memberAdded: "+ \(user) (\(to))"
        case .memberRemoved: "- \(user) (\(from))"
        case .roleChanged: "~ \(user): \(from) -> \(to)"
        case .assignmentsChanged: "~ \(user): assignments \(from) -> \(to)"
        case .projectCreated: "+ project \(project)"
        case .projectRenamed: "~ project \(to) renamed from \(from)"
        case .projectUpdated: "~ project \(project): name changed"
        case .projectDeleted: "- project \(project)"
        case .projectMemberAdded: "+ \(project)/\(user) (\(to))"
        case .projectMemberRemoved: "- \(project)/\(user) (\(from))"
        case .projectRoleChanged: "~ \(project)/\(user): \(from) -> \(to)"
        case .invitationSent: "+ \(invitation) sent (\(to)\(self.project.map { ", project \($0)" } ?? ""))"
        case .invitationExtended: "~ \(invitation) extended to \(to)"
        case .invitationChanged: "~ \(invitation) changed: role \(from) -> \(to)"
        case .invitationAccepted: "~ \(invitation) accepted by \(user)"
        case .invitationDeclined: "~ \(invitation) declined"
        case .invitationRevoked: "~ \(invitation) revoked"
        case .invitationDeleted: "- \(invitation) deleted (\(from))"
        case .policyChanged: "~ tenancy.json changed (roles, permissions, assignments, limits or tests)"
        }
    }
}
