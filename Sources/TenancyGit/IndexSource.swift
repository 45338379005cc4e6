import TenancyCore

/// The registry as the git index has it (`validate --staged`), so unstaged edits neither
/// hide nor cause errors.
///
/// Reading every blob from git would make a pre-commit hook cost far more than reading
/// a directory, so each file is read from the work tree, and kept when its git blob id is
/// the one the index records: then it holds exactly the staged bytes, whatever git's
/// cached stat data, attributes or filters would say. Only the others (edited, deleted,
/// converted on checkout) come from the index, through one `cat-file` process. (Only
/// SHA-1 ids are computed: in a SHA-256 repository every file comes from git.)
public struct IndexSource: SnapshotSource {
    public let registryRoot: String
    public let environment: GitEnvironment
    private let index = LoadOnce<Index>()
    private let positions = LoadOnce<[String: Int]>()

    /// Nothing is read until the first call to `entries()` or `contents(of:)`.
    public init(registryRoot: String, environment: GitEnvironment) {
        self.registryRoot = registryRoot
        self.environment = environment
    }

    public func entries() throws -> [SourceEntry] {
        try index.get(load).entries
    }

    public func contents(of path: String) throws -> [UInt8] {
        let index = try index.get(load)
        let positions = try positions.get {
            Dictionary(index.entries.indices.map { (index.entries[$0].path, $0) }) { first, _ in first }
        }
        guard let position = positions[path], let file = index.files[position] else {
            throw SourceError.notAFile(path: path, in: "the index")
        }
        if let reader = WorkTreeReader(topLevel: index.topLevel), let bytes = index.staged(file, reader) {
            return bytes
        }
        return try index.fromGit([file])[0]
    }

    /// One `.file` entry of the index: where its blob id and its path (relative to the
    /// top level) are in the listing.
    private struct File: Sendable {
        var id: Range<Int>
        var location: Range<Int>
    }

    private struct Index: Sendable {
        var git: Git
        var topLevel: String
        /// What `ls-files` printed: the files point into it.
        var listing: [UInt8]
        var entries: [SourceEntry] = []
        /// Where each `.file` entry's blob id and path are in `listing`, by the entries' positions.
        var files: [File?] = []

        /// The work tree copy of `file`, when it holds the staged bytes.
        func staged(_ file: File, _ reader: WorkTreeReader) -> [UInt8]? {
            guard let bytes = reader.read(listing[file.location]), bytes.count <= Limits.maxFileSize,
                BlobID.content(bytes, hasID: listing[file.id])
            else { return nil }
            return bytes
        }

        /// Without the entries the staged policy's `ignore` list skips (`IgnoredEntries`).
        func skippingIgnored() throws -> Index {
            guard let policy = entries.firstIndex(where: { $0.path == "tenancy.json" }), let file = files[policy] else {
                return self
            }
            let bytes = try WorkTreeReader(topLevel: topLevel).flatMap { staged(file, $0) } ?? fromGit([file])[0]
            var kept = self
            (kept.entries, kept.files) = IgnoredEntries.declared(byPolicy: bytes).keeping(entries, files)
            return kept
        }

        /// The blobs of `files`, from git, in order.
        func fromGit(_ files: [File]) throws -> [[UInt8]] {
            let ids = files.map { String(decoding: listing[$0.id], as: UTF8.self) }
            let blobs = try git.blobs(ids, limit: Limits.maxFileSize + 1)
            return ids.map { blobs[$0] ?? [] }
        }
    }

    private func load() throws -> Index {
        let repository = try Repository(registryRoot: registryRoot, environment: environment)
        // A bare repository has an index only by accident: nothing is staged there.
        guard !repository.isBare else {
            throw SourceError.nothingStagedInBareRepository(repository.topLevel)
        }
        let listing = try repository.git.output(["ls-files", "--stage", "-z", "--"] + repository.pathspec)
        var index = Index(git: repository.git, topLevel: repository.topLevel, listing: listing)
        // A path to allocate for every record: on every core.
        let parts = parallelMap(groups(try ListedEntry.parse(listing))) { records in
            Self.entries(of: records, listing, repository)
        }
        if let unmerged = parts.lazy.compactMap(\.unmerged).first {
            throw SourceError.unmergedPath(entryPath(listing[unmerged]))
        }
        index.entries.reserveCapacity(parts.reduce(0) { $0 + $1.entries.count })
        index.files.reserveCapacity(index.entries.capacity)
        for part in parts {
            index.entries += part.entries
            index.files += part.files
        }
        return try index.skippingIgnored()
    }

    /// The entries of index records under the registry root, with where the blob ids and
    /// paths of the files are in the listing; or where the first unmerged one's path is.
    private static func entries(of records: ArraySlice<ListedEntry>, _ listing: [UInt8], _ repository: Repository)
        -> (entries: [SourceEntry], files: [File?], unmerged: Range<Int>?)
    {
        var entries: [SourceEntry] = [], files: [File?] = []
        for record in records {
            guard let path = repository.registryPath(listing[record.path]) else { continue }
            guard listing[record.fields.2].elementsEqual("0".utf8) else { return ([], [], record.path) }
            let kind = entryKind(mode: listing[record.mode])
            let identity = kind == .file ? String(decoding: listing[record.fields.1], as: UTF8.self) : nil
            entries.append(SourceEntry(path: entryPath(path), kind: kind, identity: identity))
            files.append(kind == .file ? File(id: record.fields.1, location: record.path) : nil)
        }
        return (entries, files, nil)
    }
}

extension IndexSource: ParallelSource {
    /// Reads the work tree in groups of consecutive paths, one reader each, and inspects
    /// each file whose bytes are the staged ones at once; the others afterwards, from git.
    package func forEachEntry<Result: Sendable>(
        _ inspect: @escaping @Sendable (SourceEntry, () throws -> [UInt8]) throws -> Result,
        collect: @Sendable (consuming [Result]) -> Void
    ) throws {
        let index = try index.get(load)
        let fromGit = Collected<Int>()
        try parallelForEach(groups(Array(index.entries.indices))) { group in
            let reader = WorkTreeReader(topLevel: index.topLevel)
            var results: [Result] = []
            for position in group {
                do {
                    results.append(try inspect(index.entries[position]) {
                        guard let file = index.files[position] else { throw ReadFailure.notRegular("not a file") }
                        guard let reader, let bytes = index.staged(file, reader) else { throw NotInWorkTree() }
                        return bytes
                    })
                } catch is NotInWorkTree {
                    fromGit.append(position)
                }
            }
            collect(consume results)
        }
        let positions = fromGit.items
        let blobs = try index.fromGit(positions.map { index.files[$0]! })
        try parallelForEach(groups(Array(zip(positions, blobs)))) { group in
            collect(try group.map { position, blob in try inspect(index.entries[position]) { blob } })
        }
    }

    /// Thrown through `inspect` for a file to read from git instead: the file is
    /// inspected again with its blob.
    private struct NotInWorkTree: Error {}
}
