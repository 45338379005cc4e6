import TenancyCore

/// One commit that changed the registry, as `git log` describes it.
public struct RegistryCommit: Hashable, Sendable {
    /// The full object id.
    public var id: String
    /// The author date in strict ISO 8601, with the author's offset: `2026-11-28T10:48:46+01:00`.
    public var date: String
    public var author: String
    public var email: String
    public var subject: String
}

/// One commit of the history with the registry it made (`head`) and the one its first
/// parent had (`base`, empty before the first commit).
public struct RegistryStep: Sendable {
    public var commit: RegistryCommit
    public var base: Snapshot
    public var head: Snapshot
}

/// The commits of a revision range that changed the registry, newest first, each with
/// the registry before and after it (`tenancy log`, `tenancy why`).
///
/// The history is the first-parent one: a merge is one step, against the branch it was
/// merged into. Only the newest commit's tree is read whole (`RevisionSource`); each
/// older registry is the newer one with the files the commit changed put back as they
/// were, all read through one `git cat-file` process.
public struct RegistryHistory: Sendable {
    public let registryRoot: String
    /// A revision (`HEAD`: its whole history) or a range (`main..topic`, `v1..`).
    public let range: String
    public let environment: GitEnvironment

    public init(registryRoot: String, range: String, environment: GitEnvironment) {
        self.registryRoot = registryRoot
        self.range = range
        self.environment = environment
    }

    /// Calls `visit` with each step, newest first, until it returns false.
    public func walk(_ visit: (RegistryStep) throws -> Bool) throws {
        let repository = try Repository(registryRoot: registryRoot, environment: environment)
        for revision in endpoints { _ = try repository.commit(revision) }
        let commits = try repository.registryLog(range)
        guard let newest = commits.first else { return }
        var head = try SnapshotLoader.load(
            from: RevisionSource(registryRoot: registryRoot, revision: newest.commit.id, environment: environment))
        let blobs = try repository.git.blobs(
            commits.flatMap { $0.files.compactMap(\.before) }, limit: Limits.maxFileSize + 1)
        for logged in commits {
            let base = head.replacingFiles(logged.files.map { ($0.path, $0.before.flatMap { blobs[$0] }) })
            guard try visit(RegistryStep(commit: logged.commit, base: base, head: head)) else { return }
            head = base
        }
    }

    /// The revisions the range names, so that a typo is an unknown revision (as in
    /// `diff`), not a git failure: `a..b` and `a...b` name two, an empty side `HEAD`.
    private var endpoints: [String] {
        let separator = range.contains("...") ? "..." : ".."
        guard range.contains(separator) else { return [range] }
        return range.components(separatedBy: separator).map { $0.isEmpty ? "HEAD" : $0 }
    }
}

/// A commit as `git log --raw` lists it: its description and the registry files it changed.
struct LoggedCommit {
    var commit: RegistryCommit
    var files: [ChangedFile]
}

/// A registry file a commit changed: its path relative to the registry root, and the
/// blob it was in the first parent (nil when it was not a regular file there).
struct ChangedFile {
    var path: String
    var before: String?
}

extension Repository {
    /// `git log` of the registry's path, first parent only, renames as removals and additions.
    func registryLog(_ range: String) throws -> [LoggedCommit] {
        let output = try git.output(
            [
                "log", "--first-parent", "--diff-merges=first-parent", "--no-renames", "--raw", "-z",
                "--no-abbrev", "--no-color", "--no-show-signature", "--format=\(LogFormat.format)",
                "--end-of-options", range, "--",
            ] + pathspec)
        return try LogFormat.parse(output) { path in registryPath(path).map(entryPath) }
    }
}

/// What `git log -z --raw` prints with the format below: per commit, a header of
/// NUL-terminated fields (the first marked with \u{1}), then per changed file a raw
/// record `:oldmode newmode oldblob newblob status` and its path, each NUL-terminated.
enum LogFormat {
    static let format = "%x01%H%x00%aI%x00%an%x00%ae%x00%s"

    /// `registryPath` maps a path relative to the top level to one relative to the
    /// registry root, or to nil outside it.
    static func parse(_ output: [UInt8], registryPath: (ArraySlice<UInt8>) -> String?) throws -> [LoggedCommit] {
        let fields = output.split(separator: 0, omittingEmptySubsequences: false)
        var commits: [LoggedCommit] = []
        var index = 0
        while index < fields.count {
            // Records after the header start on a new line.
            let field = fields[index].drop { $0 == UInt8(ascii: "\n") }
            if field.first == 1, index + 4 < fields.count {
                let text = fields[index...(index + 4)].map { String(decoding: $0, as: UTF8.self) }
                commits.append(LoggedCommit(
                    commit: RegistryCommit(
                        id: String(text[0].drop { $0 != "\u{1}" }.dropFirst()), date: text[1], author: text[2],
                        email: text[3], subject: text[4]),
                    files: []))
                index += 5
            } else if field.first == UInt8(ascii: ":"), index + 1 < fields.count, !commits.isEmpty {
                let change = try PathChange(record: field, path: fields[index + 1])
                if let path = registryPath(fields[index + 1]) {
                    let isFile = entryKind(mode: Array(change.oldMode.utf8)[...]) == .file
                    commits[commits.count - 1].files.append(ChangedFile(path: path, before: isFile ? change.oldID : nil))
                }
                index += 2
            } else if field.isEmpty {
                index += 1
            } else {
                throw SourceError.gitFailed(command: "log", reason: "unexpected output")
            }
        }
        return commits
    }
}

extension RevisionSource {
    /// The full id of the commit `revision` names, for a report to say what it read.
    public func commit() throws -> String {
        try Repository(registryRoot: registryRoot, environment: environment).commit(revision)
    }
}
