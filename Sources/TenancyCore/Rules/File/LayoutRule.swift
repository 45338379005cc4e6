/// Only the entries of the registry layout exist: `tenancy.json`, `users/<handle>.json`,
/// `orgs/<org>/…`; no symlinks, no stray files; names follow the handle grammar.
///
/// Failing: `users/Bob.json`, `orgs/acme/notes.txt`. Passing: `users/bob.json`.
public struct LayoutRule: FileRule {
    public static let id = RuleID(Self.self)
    public static let summary = "only the entries of the layout exist; no symlinks; names follow the grammar"
    public static let examples = RuleExamples(
        passing: [[".gitignore": "*.swp\n"]],
        failing: [
            ["orgs/acme/notes.txt": "↓remember the milk\n"],
            ["users/Carol.json": "↓{}\n"],
        ])

    /// An entry outside the layout, or not a regular file, is reported and never read.
    public static func check(entry file: inout CheckedFile) {
        switch Layout.classify(file.entry.path) {
        case .ignored: break
        case .stray(let reason): file.emit(id, reason)
        case .entity(let path):
            switch file.entry.kind {
            case .file: file.path = path
            case .symlink: file.emit(id, "symbolic links are not allowed in the registry")
            case .special: file.emit(id, "not a regular file")
            }
        }
    }

    /// An entry listed as a file that was something else by the time it was read.
    public static func check(_ file: inout CheckedFile) {
        guard file.bytes == nil else { return }
        file.readable = false
        file.emit(id, "not a regular file")
    }

    /// A member, project or invitation file needs its organization's `org.json`, and a
    /// project member its `project.json`; the registry needs `tenancy.json`.
    public static func completeness(_ snapshot: Snapshot) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if !snapshot.present.contains(.policy) {
            diagnostics.append(Diagnostic(
                path: "tenancy.json", rule: id, message: "the registry has no tenancy.json (run `tenancy init`)"))
        }
        var missing: Set<EntityPath> = []
        for path in snapshot.present {
            switch path {
            case .member(let org, _), .invitation(let org, _), .project(let org, _):
                if !snapshot.present.contains(.org(org)) { missing.insert(.org(org)) }
            case .projectMember(let org, let project, _):
                if !snapshot.present.contains(.org(org)) { missing.insert(.org(org)) }
                if !snapshot.present.contains(.project(org: org, project: project)) {
                    missing.insert(.project(org: org, project: project))
                }
            default: break
            }
        }
        for path in missing.sorted() {
            diagnostics.append(Diagnostic(
                path: path.path, rule: id, message: "missing \(path.path): the directory holds files but no \(path.path.split(separator: "/").last!)"))
        }
        return diagnostics
    }
}
