import TenancyCore

/// The registry as one commit has it (`validate --rev REV`, `diff BASE HEAD`), read
/// straight from git's objects: never a checkout.
public struct RevisionSource: SnapshotSource {
    public let registryRoot: String
    public let revision: String
    public let environment: GitEnvironment
    private let tree = LoadOnce<Tree>()

    /// Nothing is read until the first call to `entries()` or `contents(of:)`.
    public init(registryRoot: String, revision: String, environment: GitEnvironment) {
        self.registryRoot = registryRoot
        self.revision = revision
        self.environment = environment
    }

    public func entries() throws -> [SourceEntry] {
        try tree.get(load).entries
    }

    /// One blob, through its own `cat-file`: loading goes through `forEachEntry`, which
    /// streams them all through one.
    public func contents(of path: String) throws -> [UInt8] {
        let tree = try tree.get(load)
        guard let id = tree.blobs[path] else { throw SourceError.notAFile(path: path, in: revision) }
        return try tree.git.blobs([id], limit: Limits.maxFileSize + 1)[id] ?? []
    }

    /// The commit's tree under the registry root: its entries and the blob id of each file.
    private struct Tree: Sendable {
        var git: Git
        var entries: [SourceEntry] = []
        var blobs: [String: String] = [:]
    }

    private func load() throws -> Tree {
        let repository = try Repository(registryRoot: registryRoot, environment: environment)
        let commit = try repository.commit(revision)
        let listing = try repository.git.output(
            ["ls-tree", "-r", "-z", "--full-tree", commit, "--"] + repository.pathspec)
        var tree = Tree(git: repository.git)
        for record in try ListedEntry.parse(listing) {
            guard let path = repository.registryPath(listing[record.path]) else { continue }
            let entry = SourceEntry(path: entryPath(path), kind: entryKind(mode: listing[record.mode]))
            tree.entries.append(entry)
            guard entry.kind == .file else { continue }
            tree.blobs[entry.path] = String(decoding: listing[record.fields.2], as: UTF8.self)
        }
        return tree
    }
}

extension RevisionSource: ParallelSource {
    /// Files per window: the blobs held at once (the whole tree's took 370 MiB on a
    /// registry of 355,000 files), in groups that keep every core busy.
    static let window = 8192

    /// Streams the blobs through one `cat-file` and inspects them a window at a time, on
    /// every core, while no more than one window of blobs is held.
    package func forEachEntry<Result: Sendable>(
        _ inspect: @escaping @Sendable (SourceEntry, () throws -> [UInt8]) throws -> Result,
        collect: @Sendable (consuming [Result]) -> Void
    ) throws {
        let tree = try tree.get(load)
        let files = tree.entries.filter { $0.kind == .file }
        collect(try tree.entries.filter { $0.kind != .file }.map { entry in
            try inspect(entry) { throw ReadFailure.notRegular("not a file") }
        })
        var window: [(SourceEntry, [UInt8])] = []
        func inspectWindow(_ window: [(SourceEntry, [UInt8])]) throws {
            try parallelForEach(groups(window)) { group in
                collect(try group.map { entry, blob in try inspect(entry) { blob } })
            }
        }
        try tree.git.forEachBlob(files.map { tree.blobs[$0.path]! }, limit: Limits.maxFileSize + 1) { index, blob in
            window.append((files[index], blob))
            if window.count == Self.window {
                try inspectWindow(window)
                window.removeAll(keepingCapacity: true)
            }
        }
        try inspectWindow(window)
    }
}
