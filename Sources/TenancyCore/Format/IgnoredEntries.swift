/// The root-level entries that are not part of the registry: `.git` always, and the
/// names and patterns of the policy's `ignore` list (a registry at the root of its own
/// repository lives next to `.github/`, `README.md`, `CODEOWNERS`…). Sources leave them
/// out before anything is read, so no rule ever reads what they skip.
///
/// A pattern is one root-level name with `*` (any run of characters) and `?` (any one
/// character); a trailing `/` makes it match directories only. No pattern may match a
/// name of the layout (`tenancy.json`, `users`, `orgs`) or `.tenancy`: a commit must not
/// be able to hide registry files, or the tool's scratch directory, from the rules.
public struct IgnoredEntries: Hashable, Sendable {
    public let patterns: [String]

    /// Only `.git`: what every registry skips.
    public static let none = IgnoredEntries(checked: [])

    /// What `tenancy init` writes when it creates a registry at the root of a git work tree.
    public static let repositoryRoot = [
        "*.md", ".editorconfig", ".gitattributes", ".github/", ".gitlab-ci.yml", ".gitlab/",
        ".pre-commit-config.yaml", ".pre-commit-hooks.yaml", "CODEOWNERS", "LICENSE*",
    ]

    /// Names a pattern may never match.
    static let protectedNames = ["tenancy.json", "users", "orgs", ".tenancy"]

    private init(checked patterns: [String]) {
        self.patterns = patterns
    }

    /// The list of the policy in `policy` (the bytes of `tenancy.json`), or `none` when the
    /// file is not JSON or its `ignore` list is not valid: then the policy rule reports
    /// the list, and the layout rule every entry it would have skipped.
    public static func declared(byPolicy policy: [UInt8]?) -> IgnoredEntries {
        guard let policy, case .object(let members)? = try? JSONReader.parse(policy).value,
            let list = members.last(where: { $0.key == Policy.Key.ignore.rawValue }),
            case .array(let items) = list.value.value
        else { return .none }
        var patterns: [String] = []
        for item in items {
            guard case .string(let pattern) = item.value, problem(with: pattern) == nil else { return .none }
            patterns.append(pattern)
        }
        return IgnoredEntries(checked: patterns)
    }

    /// Why `pattern` cannot be in the list, or nil when it can.
    public static func problem(with pattern: String) -> String? {
        let name = pattern.hasSuffix("/") ? String(pattern.dropLast()) : pattern
        if name.isEmpty || name == "." || name == ".." { return "is not a name" }
        if name.contains("/") { return "names a nested path; only root-level entries can be ignored" }
        if name.unicodeScalars.contains(where: { TerminalText.isUnsafe($0) || $0.properties.isWhitespace }) {
            return Email.forbiddenCharacters
        }
        if name.contains("\\") || name.contains("[") { return "may use only * and ? as wildcards" }
        if let name = protectedNames.first(where: { matches(Array(name.unicodeScalars)[...], Array($0.unicodeScalars)[...]) }) {
            return "would skip \(name), which the rules must read"
        }
        return nil
    }

    /// Whether the root-level entry `name` is skipped.
    public func skips(_ name: String, isDirectory: Bool) -> Bool {
        if name == ".git" { return true }
        let scalars = Array(name.unicodeScalars)[...]
        return patterns.contains { pattern in
            let directoryOnly = pattern.hasSuffix("/")
            guard isDirectory || !directoryOnly else { return false }
            return Self.matches(Array((directoryOnly ? String(pattern.dropLast()) : pattern).unicodeScalars)[...], scalars)
        }
    }

    /// The positions of `entries`, as git lists them (paths relative to the registry
    /// root), that are not skipped. A root-level entry that is neither a file nor a
    /// symlink is a submodule, a directory in the working tree: a pattern ending in `/`
    /// matches it as it matches there.
    public func kept(_ entries: [SourceEntry]) -> [Int] {
        entries.indices.filter { !skips(listed: entries[$0]) }
    }

    /// `entries` without the skipped ones, and `values` (one per entry, such as where each
    /// file's blob id is) kept alongside; both as they are when nothing is skipped.
    package func keeping<Value>(_ entries: [SourceEntry], _ values: [Value]) -> ([SourceEntry], [Value]) {
        guard !patterns.isEmpty else { return (entries, values) }
        let positions = kept(entries)
        return (positions.map { entries[$0] }, positions.map { values[$0] })
    }

    /// Whether `entry`, as git lists it, lies in a skipped root-level entry.
    func skips(listed entry: SourceEntry) -> Bool {
        guard let slash = entry.path.firstIndex(of: "/") else {
            return skips(entry.path, isDirectory: entry.kind == .special)
        }
        return skips(String(entry.path[..<slash]), isDirectory: true)
    }

    /// Glob matching with `*` and `?`, by backtracking to the last `*`.
    private static func matches(_ pattern: ArraySlice<Unicode.Scalar>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
        var p = pattern.startIndex, n = name.startIndex
        var star: (pattern: Int, name: Int)?
        while n < name.endIndex {
            if p < pattern.endIndex && (pattern[p] == "?" || pattern[p] == name[n]) {
                p += 1
                n += 1
            } else if p < pattern.endIndex && pattern[p] == "*" {
                star = (p, n)
                p += 1
            } else if let last = star {
                p = last.pattern + 1
                n = last.name + 1
                star = (last.pattern, last.name + 1)
            } else {
                return false
            }
        }
        while p < pattern.endIndex && pattern[p] == "*" { p += 1 }
        return p == pattern.endIndex
    }
}
