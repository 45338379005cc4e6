import TenancyCore

/// The access changes one commit made, with who made it and when.
public struct CommitChanges: Sendable {
    /// The commit's full object id.
    public var commit: String
    public var date: String
    public var author: String
    public var email: String
    public var subject: String
    public var changes: [AccessChange]

    public init(commit: String, date: String, author: String, email: String, subject: String, changes: [AccessChange]) {
        (self.commit, self.date, self.author, self.email, self.subject) = (commit, date, author, email, subject)
        self.changes = changes
    }

    /// The commit as `git log` heads it, then its changes as `diff` prints them:
    ///
    ///     commit 3c5c9c05ef1680…
    ///     Author: Alice <alice@example.com>
    ///     Date:   2026-11-28T10:48:46+01:00
    ///
    ///         Promote carol
    ///
    ///     acme:
    ///       ~ carol: member -> admin
    public var text: String {
        let heading = [
            "commit \(commit)", "Author: \(author) <\(email)>", "Date:   \(date)", "", "    \(subject)", "",
        ].map(TerminalText.escaped).joined(separator: "\n")
        return heading + "\n" + changesText
    }

    /// The changes as `diff` prints them, escaped.
    package var changesText: String {
        DiffReport(changes: changes, diagnostics: DiagnosticReport([], root: "")).text(colour: false)
    }

    /// `{"author", "changes", "commit", "date", "email", "subject"}`, each change as `diff`
    /// prints it, its path under the registry as `root` names it.
    package func json(root: String) -> OutputValue {
        [
            "commit": .string(commit), "date": .string(date), "author": .string(author), "email": .string(email),
            "subject": .string(subject), "changes": .array(changes.map { $0.json(root: root) }),
        ]
    }
}

/// `tenancy log`: commits newest first, each with its access changes.
public struct HistoryReport: Sendable {
    public var commits: [CommitChanges]

    public init(commits: [CommitChanges]) {
        self.commits = commits
    }

    /// Text, a blank line between commits, or `{"version", "commits": [...]}` for
    /// `--format json`, paths under the registry as `root` names it.
    public func rendered(asJSON: Bool, root: String) -> String {
        guard asJSON else { return commits.map(\.text).joined(separator: "\n") }
        return OutputValue.document([("commits", .array(commits.map { $0.json(root: root) }))])
    }
}
