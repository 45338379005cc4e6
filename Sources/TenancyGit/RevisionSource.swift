import TenancyCore

/// The registry as one commit has it (`validate --rev REV`, `diff BASE HEAD`), read
/// straight from git's objects: never a checkout.
public struct RevisionSource: SnapshotSource {
    public let registryRoot: String
    public let revision: String
    public let environment: GitEnvironment
    private let snapshot = LoadOnce<Snapshot>()

    /// Nothing is read until the first call to `entries()` or `contents(of:)`.
    public init(registryRoot: String, revision: String, environment: GitEnvironment) {
        self.registryRoot = registryRoot
        self.revision = revision
        self.environment = environment
    }

    public func entries() throws -> [SourceEntry] {
        try snapshot.get(load).entries
    }

    public func contents(of path: String) throws -> [UInt8] {
        guard let bytes = try snapshot.get(load).files[path] else {
            throw SourceError.notAFile(path: path, in: revision)
        }
        return bytes
    }

    private struct Snapshot: Sendable {
        var entries: [SourceEntry] = []
        /// Every `.file` entry's bytes, cut to `Limits.maxFileSize + 1`.
        var files: [String: [UInt8]] = [:]
    }

    /// Lists the tree and reads every blob in it through one `cat-file` process.
    private func load() throws -> Snapshot {
        let repository = try Repository(registryRoot: registryRoot, environment: environment)
        let commit = try repository.commit(revision)
        let listing = try repository.git.output(
            ["ls-tree", "-r", "-z", "--full-tree", commit, "--"] + repository.pathspec)
        var snapshot = Snapshot()
        var blobIDs: [(path: String, id: String)] = []
        for record in try ListedEntry.parse(listing) {
            guard let path = repository.registryPath(listing[record.path]) else { continue }
            let entry = SourceEntry(path: entryPath(path), kind: entryKind(mode: listing[record.mode]))
            snapshot.entries.append(entry)
            guard entry.kind == .file else { continue }
            blobIDs.append((entry.path, String(decoding: listing[record.fields.2], as: UTF8.self)))
        }
        let ignored = try ignoredEntries(blobIDs, repository)
        if !ignored.patterns.isEmpty {
            snapshot.entries.removeAll { ignored.skips(path: $0.path) }
            blobIDs.removeAll { ignored.skips(path: $0.path) }
        }
        let blobs = try repository.git.blobs(blobIDs.map(\.id), limit: Limits.maxFileSize + 1)
        for (path, id) in blobIDs { snapshot.files[path] = blobs[id] }
        return snapshot
    }

    /// What the commit's policy skips (`IgnoredEntries`), read before any other blob.
    private func ignoredEntries(_ blobIDs: [(path: String, id: String)], _ repository: Repository) throws -> IgnoredEntries {
        guard let policy = blobIDs.first(where: { $0.path == "tenancy.json" }) else { return .none }
        let bytes = try repository.git.blobs([policy.id], limit: Limits.maxFileSize + 1)[policy.id]
        return IgnoredEntries.declared(byPolicy: bytes)
    }
}
