import Foundation
import TenancyCore

/// The access changes one commit made, with who made it and when.
public struct CommitChanges: Encodable, Sendable {
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
        DiffReport(changes: changes, diagnostics: DiagnosticReport([], root: "")).text
    }
}

/// `tenancy log`: commits newest first, each with its access changes.
public struct HistoryReport: Sendable {
    public var commits: [CommitChanges]

    public init(commits: [CommitChanges]) {
        self.commits = commits
    }

    /// Text, a blank line between commits, or `{"commits": [...]}` for `--format json`.
    public func rendered(asJSON: Bool) -> String {
        guard asJSON else { return commits.map(\.text).joined(separator: "\n") }
        struct Document: Encodable { var commits: [CommitChanges] }
        return encodedJSON(Document(commits: commits))
    }
}

/// `value` as `diff --format json` prints it: sorted keys, indented, unsafe characters escaped.
package func encodedJSON(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    // Strings, booleans and arrays of them always encode; a failure would be a Foundation bug.
    return TerminalText.escapedJSON(String(decoding: try! encoder.encode(value), as: UTF8.self)) + "\n"
}
