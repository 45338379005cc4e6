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
    /// Blob ids not to read with the others: those the loader takes from the index of
    /// registry-wide facts (`FactIndex`). Read one by one if asked for all the same.
    package let known: Set<String>
    private let snapshot = LoadOnce<Snapshot>()

    /// Nothing is read until the first call to `entries()` or `contents(of:)`.
    public init(registryRoot: String, revision: String, environment: GitEnvironment, only paths: [String]? = nil) {
        self.init(registryRoot: registryRoot, revision: revision, environment: environment, only: paths, known: [])
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
        try snapshot.get(load).entries
    }

    public func contents(of path: String) throws -> [UInt8] {
        let snapshot = try snapshot.get(load)
        if let bytes = snapshot.files[path] { return bytes }
        guard let id = snapshot.skipped[path] else { throw SourceError.notAFile(path: path, in: revision) }
        let repository = try Repository(registryRoot: registryRoot, environment: environment)
        return try repository.git.blobs([id], limit: Limits.maxFileSize + 1)[id] ?? []
    }

    private struct Snapshot: Sendable {
        var entries: [SourceEntry] = []
        /// Every `.file` entry's bytes, cut to `Limits.maxFileSize + 1`, but those `known`.
        var files: [String: [UInt8]] = [:]
        /// The blob ids of the `.file` entries not read, by path.
        var skipped: [String: String] = [:]
    }

    /// Lists the tree and reads every blob in it through one `cat-file` process.
    private func load() throws -> Snapshot {
        let repository = try Repository(registryRoot: registryRoot, environment: environment)
        let commit = try repository.commit(revision)
        let pathspec = paths.map { $0.map { repository.prefix + $0 } } ?? repository.pathspec
        // Listing no path at all would list the whole tree.
        guard !pathspec.isEmpty || paths == nil else { return Snapshot() }
        let listing = try repository.git.output(["ls-tree", "-r", "-z", "--full-tree", commit, "--"] + pathspec)
        var snapshot = Snapshot()
        var blobIDs: [(path: String, id: String)] = []
        for record in try ListedEntry.parse(listing) {
            guard let path = repository.registryPath(listing[record.path]) else { continue }
            let kind = entryKind(mode: listing[record.mode])
            let id = String(decoding: listing[record.fields.2], as: UTF8.self)
            let entry = SourceEntry(path: entryPath(path), kind: kind, identity: kind == .file ? id : nil)
            snapshot.entries.append(entry)
            guard entry.kind == .file else { continue }
            if known.contains(id) { snapshot.skipped[entry.path] = id } else { blobIDs.append((entry.path, id)) }
        }
        let blobs = try repository.git.blobs(blobIDs.map(\.id), limit: Limits.maxFileSize + 1)
        for (path, id) in blobIDs { snapshot.files[path] = blobs[id] }
        return snapshot
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
            ["diff-tree", "-r", "-z", "--no-renames", "--name-only", from, to, "--"] + repository.pathspec)
        return output.split(separator: 0).compactMap { repository.registryPath($0).map(entryPath) }
    }
}
