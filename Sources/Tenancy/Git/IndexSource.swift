/// The registry as the git index has it (`validate --staged`), so unstaged edits neither
/// hide nor cause errors.
///
/// Reading every blob from git would make a pre-commit hook cost far more than reading
/// a directory, so a file git reports identical in the work tree and the index is read
/// from the work tree, and only the others (edited, deleted, or not checked out as-is)
/// come from the index, through one `cat-file` process.
public struct IndexSource: SnapshotSource {
    public let registryRoot: String
    private let snapshot = LoadOnce<Snapshot>()

    /// Nothing is read until the first call to `entries()` or `contents(of:)`.
    public init(registryRoot: String) {
        self.registryRoot = registryRoot
    }

    public func entries() throws -> [SourceEntry] {
        try snapshot.get(load).entries
    }

    public func contents(of path: String) throws -> [UInt8] {
        let snapshot = try snapshot.get(load)
        guard let file = snapshot.files[path] else {
            throw SourceError("not a file in the index: \(path)")
        }
        if let bytes = snapshot.blobs[file.id] { return bytes }
        // A file edited after `diff-files` looked is read as edited, like one edited just
        // before; one removed or replaced by then is not lost: the index still has it.
        if let copy = file.workTreeCopy, let bytes = try? readBoundedFile(atPath: copy) {
            return bytes
        }
        let blobs = try snapshot.git.blobs([file.id], limit: Limits.maxFileSize + 1)
        return blobs[file.id] ?? []
    }

    private struct File: Sendable {
        var id: String
        /// The absolute path of a work tree file with the same content, if there is one.
        var workTreeCopy: String?
    }

    private struct Snapshot: Sendable {
        var git: Git
        var entries: [SourceEntry] = []
        var files: [String: File] = [:]
        /// The index's copy of every file without a work tree copy, cut to size.
        var blobs: [String: [UInt8]] = [:]
    }

    private func load() throws -> Snapshot {
        let repository = try Repository(registryRoot: registryRoot)
        let git = repository.git
        let listing = try git.output(
            ["ls-files", "--stage", "-v", "-z", "--"] + repository.pathspec)
        let records = try ListedEntry.parse(listing)
        let differing = try differingPaths(repository, records)
        var snapshot = Snapshot(git: git)
        for record in records {
            guard record.fields.count == 4, let path = repository.registryPath(record.path) else {
                continue
            }
            guard record.fields[3] == "0" else {
                throw SourceError("unmerged path in the index: \(entryPath(record.path))")
            }
            let entry = SourceEntry(path: entryPath(path), kind: entryKind(mode: record.fields[1]))
            snapshot.entries.append(entry)
            guard entry.kind == .file else { continue }
            let copy = differing.contains(record.path) ? nil : workTreePath(repository, record.path)
            snapshot.files[entry.path] = File(id: String(record.fields[2]), workTreeCopy: copy)
        }
        let missing = snapshot.files.values.filter { $0.workTreeCopy == nil }.map(\.id)
        snapshot.blobs = try git.blobs(missing, limit: Limits.maxFileSize + 1)
        return snapshot
    }

    /// The paths whose work tree bytes may not be the index's bytes. `diff-files` compares
    /// stat data, and content too for entries written in the same second as the index
    /// ("racily clean"), so its answer is exact without refreshing (writing) the index.
    /// It reports deleted files, but skips entries marked skip-worktree or
    /// assume-unchanged (tag other than `H`), and compares content after the checkout
    /// conversions of `checkoutConverted`.
    private func differingPaths(_ repository: Repository, _ records: [ListedEntry]) throws
        -> Set<[UInt8]>
    {
        let output = try repository.git.output(
            ["diff-files", "--name-only", "-z", "--"] + repository.pathspec)
        var paths = Set(output.split(separator: 0).map(Array.init))
        paths.formUnion(records.filter { $0.fields.first != "H" }.map(\.path))
        paths.formUnion(try checkoutConverted(repository, records.map(\.path)))
        return paths
    }

    /// Paths whose work tree copy git writes differently from the blob (line ends,
    /// filters such as Git LFS, `ident`, another encoding).
    private func checkoutConverted(_ repository: Repository, _ paths: [[UInt8]]) throws
        -> Set<[UInt8]>
    {
        let config = try repository.git.run(
            ["config", "--get-regexp", #"^core\.(autocrlf|eol)$"#]) { try $0.readToEnd() }
        let settings = String(decoding: try config.value.get(), as: UTF8.self).lowercased()
        if settings.contains("core.autocrlf true") || settings.contains("core.eol crlf") {
            return Set(paths)
        }
        let input = Array(paths.map { $0 + [0] }.joined())
        let output = try repository.git.output(
            ["check-attr", "-z", "--stdin", "filter", "ident", "working-tree-encoding", "eol"],
            input: input)
        // Triples of path, attribute, value; only `eol` has a harmless value besides these.
        let fields = output.split(separator: 0, omittingEmptySubsequences: false)
        var converted = Set<[UInt8]>()
        for index in stride(from: 0, to: fields.count - 2, by: 3) {
            let value = fields[index + 2]
            if value.elementsEqual("unspecified".utf8) || value.elementsEqual("unset".utf8)
                || (value.elementsEqual("lf".utf8) && fields[index + 1].elementsEqual("eol".utf8))
            {
                continue
            }
            converted.insert(Array(fields[index]))
        }
        return converted
    }

    /// Where git checks `path` out, unless its name cannot be spelled as a `String`.
    private func workTreePath(_ repository: Repository, _ path: [UInt8]) -> String? {
        guard let name = String(validating: path, as: UTF8.self) else { return nil }
        return repository.topLevel + "/" + name
    }
}
