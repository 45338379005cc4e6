import TenancyCore

/// The registry as one commit has it (`validate --rev REV`, `diff BASE HEAD`), read
/// straight from git's objects: never a checkout.
public struct RevisionSource: SnapshotSource {
    public let registryRoot: String
    public let revision: String
    public let environment: GitEnvironment
    /// Paths relative to the registry root (files, or directories ending in `/`) to read
    /// instead of the whole tree; nil reads everything.
    public let paths: [String]?
    /// Blob ids not to stream with the others: those the loader takes from the index of
    /// registry-wide facts (`FactIndex`). Read one by one if asked for all the same.
    package let known: Set<String>
    /// Whether `revision` is the full id of a tree rather than a commit's name.
    private var isTree = false
    /// The repository, when the caller has found it already.
    var repository: Repository?
    /// Entries that replace the tree's at their paths (relative to the top level): the
    /// staged state a clean tree was recorded as (`CleanTree.overrides`).
    var overrides: [PathChange] = []
    private let tree = LoadOnce<Tree>()

    /// Nothing is read until the first call to `entries()` or `contents(of:)`.
    public init(registryRoot: String, revision: String, environment: GitEnvironment, only paths: [String]? = nil) {
        self.init(registryRoot: registryRoot, revision: revision, environment: environment, only: paths, known: [])
    }

    /// The tree with full id `tree` (not a commit) in `repository`, with `overrides`.
    init(_ repository: Repository, registryRoot: String, tree: String, overrides: [PathChange] = [], only paths: [String]?) {
        self.init(registryRoot: registryRoot, revision: tree, environment: repository.git.environment, only: paths, known: [])
        isTree = true
        self.repository = repository
        self.overrides = overrides
    }

    package init(
        registryRoot: String, revision: String, environment: GitEnvironment, only paths: [String]?, known: Set<String>
    ) {
        self.registryRoot = registryRoot
        self.revision = revision
        self.environment = environment
        self.paths = paths
        self.known = known
    }

    public func entries() throws -> [SourceEntry] {
        try tree.get(load).entries
    }

    /// One blob, through its own `cat-file`: loading goes through `forEachEntry`, which
    /// streams them all through one.
    public func contents(of path: String) throws -> [UInt8] {
        let tree = try tree.get(load)
        guard let position = tree.entries.firstIndex(where: { $0.path == path }), let id = tree.id(at: position) else {
            throw SourceError.notAFile(path: path, in: revision)
        }
        return try tree.git.blobs([id], limit: Limits.maxFileSize + 1)[id] ?? []
    }

    /// The commit's tree under the registry root: its entries, and where the blob id of
    /// each file is in git's listing (kept as it is: a dictionary of ids by path took
    /// twice its memory).
    fileprivate struct Tree: Sendable {
        var git: Git
        var listing: [UInt8]
        var entries: [SourceEntry] = []
        /// By the entries' positions; nil for an entry that is not a file.
        var ids: [Range<Int>?] = []

        func id(at position: Int) -> String? {
            ids[position].map { String(decoding: listing[$0], as: UTF8.self) }
        }
    }

    private func load() throws -> Tree {
        let repository = try self.repository ?? Repository(registryRoot: registryRoot, environment: environment)
        let commit = isTree ? revision : try repository.commit(revision)
        let pathspec = paths.map { $0.map { repository.prefix + $0 } } ?? repository.pathspec
        // Listing no path at all would list the whole tree.
        guard !pathspec.isEmpty || paths == nil else { return Tree(git: repository.git, listing: []) }
        var listing = try repository.git.output(["ls-tree", "-r", "-z", "--full-tree", commit, "--"] + pathspec)
        let overridden = Set(overrides.map(\.path))
        var records = try ListedEntry.parse(listing).filter { !overridden.contains(Array(listing[$0.path])) }
        for change in overrides where !change.isDeletion && Self.selects(pathspec, change.path) {
            records.append(ListedEntry(appending: change, to: &listing))
        }
        var tree = Tree(git: repository.git, listing: listing)
        for record in records {
            guard let path = repository.registryPath(listing[record.path]) else { continue }
            let kind = entryKind(mode: listing[record.mode])
            let id = kind == .file ? String(decoding: listing[record.fields.2], as: UTF8.self) : nil
            tree.entries.append(SourceEntry(path: entryPath(path), kind: kind, identity: id))
            tree.ids.append(kind == .file ? record.fields.2 : nil)
        }
        return try tree.skippingIgnored()
    }

    /// Whether a path (relative to the top level) is one `pathspec` names, as the plain
    /// paths and directories (ending in `/`) this source is given name them.
    private static func selects(_ pathspec: [String], _ path: [UInt8]) -> Bool {
        pathspec.isEmpty || pathspec.contains { $0.hasSuffix("/") ? path.starts(with: $0.utf8) : path.elementsEqual($0.utf8) }
    }
}

extension RevisionSource.Tree {
    /// Without the entries the commit's policy skips (`IgnoredEntries`): its blob is read
    /// before any other.
    func skippingIgnored() throws -> Self {
        guard let policy = entries.firstIndex(where: { $0.path == "tenancy.json" }), let id = id(at: policy) else {
            return self
        }
        let ignored = IgnoredEntries.declared(byPolicy: try git.blobs([id], limit: Limits.maxFileSize + 1)[id])
        var kept = self
        (kept.entries, kept.ids) = ignored.keeping(entries, ids)
        return kept
    }
}

extension RevisionSource: ParallelSource {
    /// Files per window: the blobs held at once (the whole tree's took 370 MiB on a
    /// registry of 355,000 files), in groups that keep every core busy.
    static let window = 8192

    /// Streams the blobs through one `cat-file` and inspects them a window at a time, on
    /// every core, while no more than one window of blobs is held. The entries whose blob
    /// is `known` are inspected first, without their blob: the index has them.
    package func forEachEntry<Result: Sendable>(
        _ inspect: @escaping @Sendable (SourceEntry, () throws -> [UInt8]) throws -> Result,
        collect: @Sendable (consuming [Result]) -> Void
    ) throws {
        let tree = try tree.get(load)
        let unread = tree.entries.indices.filter { tree.ids[$0] == nil || known.contains(tree.id(at: $0)!) }
        // In groups, on every core: all at once held every entry's result in one array.
        try parallelForEach(groups(unread)) { group in
            collect(try group.map { position in
                try inspect(tree.entries[position]) {
                    guard let id = tree.id(at: position) else { throw ReadFailure.notRegular("not a file") }
                    return try tree.git.blobs([id], limit: Limits.maxFileSize + 1)[id] ?? []
                }
            })
        }
        let files = tree.entries.indices.filter { tree.ids[$0] != nil && !known.contains(tree.id(at: $0)!) }
        var window: [(SourceEntry, [UInt8])] = []
        func inspectWindow(_ window: [(SourceEntry, [UInt8])]) throws {
            try parallelForEach(groups(window)) { group in
                collect(try group.map { entry, blob in try inspect(entry) { blob } })
            }
        }
        try tree.git.forEachBlob(files.lazy.map { tree.id(at: $0)! }, limit: Limits.maxFileSize + 1) { index, blob in
            window.append((tree.entries[files[index]], blob))
            if window.count == Self.window {
                try inspectWindow(window)
                window.removeAll(keepingCapacity: true)
            }
        }
        try inspectWindow(window)
    }
}

extension RevisionSource {
    /// The registry paths (relative to the root) that differ between `revision` and
    /// `other`, without rename detection (a rename is a deletion and an addition), read
    /// from the two trees only.
    public func changedPaths(to other: String) throws -> [String] {
        let repository = try Repository(registryRoot: registryRoot, environment: environment)
        let (from, to) = (try repository.commit(revision), try repository.commit(other))
        let output = try repository.git.output(
            ["diff-tree", "-r", "-z", "--no-renames", "--ignore-submodules=none", "--name-only", from, to, "--"] + repository.pathspec)
        return output.split(separator: 0).compactMap { repository.registryPath($0).map(entryPath) }
    }
}
