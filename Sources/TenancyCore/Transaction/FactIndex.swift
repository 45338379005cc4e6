import Glibc

/// What the last load found in each clean file (a file without findings of the file rules,
/// canonical, that decoded), by path and tied to the file's identity, kept in
/// `.tenancy/index` so that the next load reads and checks only the files whose identity
/// changed. The state rules still run on the whole snapshot, so an answer never depends on
/// the index: a file whose identity matches holds, by construction, what the index says.
///
/// The identity is the file's git blob id (`SourceEntry.identity`: `validate --staged`,
/// `--rev`): a hash of its bytes, so an entry is never stale, whatever changed since.
///
/// `.tenancy/` is hostile input (a commit can carry it, a copy can bring it): the index
/// is used only when it was written under this very `.tenancy/` (its first line is
/// `PrivateDirectory.identity`, which names inodes and an inode change time no commit or
/// copy can reproduce, as the journal's does), only when the checksum of each of its groups holds (a byte
/// flipped on disk, a torn write), and only when it decodes completely within its limits. Anything else (missing, torn, corrupt, foreign, another version)
/// reads every file, as without an index: it costs time, never an answer.
package struct FactIndex: Sendable {
    /// A file the index may keep: no finding of the file rules, canonical, decoded, with an identity.
    package typealias CleanFile = (path: EntityPath, identity: String)

    /// What a load found for the next index: its clean files, and when it read no index,
    /// those files already encoded (`SnapshotLoader`).
    package struct Found: Sendable {
        var clean: [CleanFile]
        var groups: [Group]?
    }

    /// A group of files of the index, encoded (`FactWriter`), with its checksum.
    struct Group: Sendable {
        var checksum: Int64
        var bytes: [UInt8]
    }

    package struct Fact: Sendable {
        var identity: String
        var entity: Entity
    }

    /// By path relative to the registry root.
    package private(set) var facts: [String: Fact] = [:]

    init(facts: [String: Fact]) { self.facts = facts }

    /// The entity of the file at `path` when its identity is the one indexed.
    package func entity(at path: String, identity: String?) -> Entity? {
        guard let identity, let fact = facts[path], fact.identity == identity else { return nil }
        return fact.entity
    }

    /// Every identity the index holds.
    package var identities: Set<String> { Set(facts.values.lazy.map(\.identity)) }

    /// Whether the index holds exactly these files with these identities: then writing it
    /// again would change nothing.
    func holds(_ clean: [CleanFile]) -> Bool {
        facts.count == clean.count && clean.allSatisfy { facts[$0.path.path]?.identity == $0.identity }
    }

    static let name = "index"
    static let header = "tenancy-index 2\n"

    /// The index of the registry at `root`, or nil (missing, unreadable, foreign or corrupt).
    package static func read(root: String, fileSystem: FileSystem = FileSystem()) -> FactIndex? {
        let directory = PrivateDirectory.path(root)
        guard PrivateDirectory.isOurs(directory, fileSystem), PrivateDirectory.isOurs(directory + "/" + name, fileSystem),
            let identity = try? PrivateDirectory.identity(root: root, fileSystem: fileSystem),
            let bytes = try? fileSystem.readFile(named: name, inDirectory: PrivateDirectory.path(root))
        else { return nil }
        var reader = FactReader(bytes)
        guard reader.expect(Array((header + identity + "\n").utf8)) else { return nil }
        return try? reader.index()
    }

    /// Writes the index of the clean files of `snapshot` (`SnapshotLoader.load(from:index:)`),
    /// best effort: a reader on a read-only registry simply has none. Only under the
    /// registry lock, shared or exclusive, so that no writer changes `.tenancy/` meanwhile;
    /// readers racing each other each rename a complete file of their own into place
    /// (`writeAtomically`), and either one is right.
    package static func write(_ found: Found, of snapshot: Snapshot, root: String, fileSystem: FileSystem) {
        guard let identity = try? PrivateDirectory.identity(root: root, fileSystem: fileSystem) else { return }
        let groups = found.groups ?? FactWriter.encode(found.clean, of: snapshot)
        let chunks = [Array((Self.header + identity + "\n").utf8)] + FactWriter.chunks(groups)
        let path = PrivateDirectory.path(root) + "/" + Self.name
        try? writeAtomically(path, chunks: chunks, mode: 0o600, fileSystem: fileSystem)
    }

    /// Whether `name` in `.tenancy/` is the index or one being written: not part of an
    /// unfinished change.
    static func isIndexFile(_ name: String) -> Bool {
        name == Self.name || name.hasPrefix(".\(Self.name).tmp-")
    }
}
