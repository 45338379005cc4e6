/// The registry as the git index has it (`validate --staged`), so unstaged edits neither
/// hide nor cause errors.
///
/// Reading every blob from git would make a pre-commit hook cost far more than reading
/// a directory, so each file is read from the work tree, and kept when its git blob id is
/// the one the index records: then it holds exactly the staged bytes, whatever git's
/// cached stat data, attributes or filters would say. Only the others (edited, deleted,
/// converted on checkout) come from the index, through one `cat-file` process.
public struct IndexSource: SnapshotSource {
    public let registryRoot: String
    private let index = LoadOnce<Index>()
    private let positions = LoadOnce<[String: Int]>()

    /// Nothing is read until the first call to `entries()` or `contents(of:)`.
    public init(registryRoot: String) {
        self.registryRoot = registryRoot
    }

    public func entries() throws -> [SourceEntry] {
        try index.get(load).entries
    }

    public func contents(of path: String) throws -> [UInt8] {
        let index = try index.get(load)
        let positions = try positions.get { Dictionary(index.entries.indices.map { (index.entries[$0].path, $0) }) { a, _ in a } }
        guard let position = positions[path], let file = index.files[position] else {
            throw SourceError("not a file in the index: \(path)")
        }
        if let reader = WorkTreeReader(topLevel: index.topLevel), let bytes = file.staged(reader.read(file.location)) {
            return bytes
        }
        return try index.git.blobs([file.id], limit: Limits.maxFileSize + 1)[file.id] ?? []
    }

    /// One `.file` entry of the index.
    private struct File: Sendable {
        var id: String
        /// The path relative to the top level of the work tree.
        var location: [UInt8]

        /// `bytes` when they are this file's staged content.
        func staged(_ bytes: [UInt8]?) -> [UInt8]? {
            guard let bytes, bytes.count <= Limits.maxFileSize, BlobID.content(bytes, hasID: id.utf8) else { return nil }
            return bytes
        }
    }

    private struct Index: Sendable {
        var git: Git
        var topLevel: String
        var entries: [SourceEntry] = []
        /// The `.file` entries' blobs, by the entries' positions.
        var files: [File?] = []
    }

    private func load() throws -> Index {
        let repository = try Repository(registryRoot: registryRoot)
        let listing = try repository.git.output(["ls-files", "--stage", "-z", "--"] + repository.pathspec)
        var index = Index(git: repository.git, topLevel: repository.topLevel)
        for record in try ListedEntry.parse(listing) {
            guard record.fields.count == 3, let path = repository.registryPath(record.path) else { continue }
            guard record.fields[2] == "0" else {
                throw SourceError("unmerged path in the index: \(entryPath(record.path))")
            }
            let entry = SourceEntry(path: entryPath(path), kind: entryKind(mode: record.fields[0]))
            index.entries.append(entry)
            index.files.append(entry.kind == .file ? File(id: String(record.fields[1]), location: record.path) : nil)
        }
        return index
    }
}

extension IndexSource: ParallelSource {
    /// Reads the work tree in runs of consecutive paths, one reader each, and visits each
    /// file whose bytes are the staged ones at once; the rest afterwards, from git.
    func forEachEntry(_ visit: @Sendable (SourceEntry, () throws -> [UInt8]) throws -> Void) throws {
        let index = try index.get(load)
        let fromGit = Collected<Int>()
        let runs = stride(from: 0, to: index.entries.count, by: 256).map {
            $0..<min($0 + 256, index.entries.count)
        }
        try parallelForEach(runs) { run in
            let reader = WorkTreeReader(topLevel: index.topLevel)
            for position in run {
                do {
                    try visit(index.entries[position]) {
                        guard let file = index.files[position] else { throw ReadFailure.notRegular("not a file") }
                        guard let bytes = file.staged(reader?.read(file.location)) else { throw NotInWorkTree() }
                        return bytes
                    }
                } catch is NotInWorkTree {
                    fromGit.append(position)
                }
            }
        }
        let positions = fromGit.items
        let blobs = try index.git.blobs(positions.map { index.files[$0]!.id }, limit: Limits.maxFileSize + 1)
        try parallelForEach(positions) { position in
            try visit(index.entries[position]) { blobs[index.files[position]!.id] ?? [] }
        }
    }

    /// Thrown through `visit` for a file to read from git instead: the loader adds
    /// nothing for a visit that throws, and the file is visited again with the blob.
    private struct NotInWorkTree: Error {}
}
