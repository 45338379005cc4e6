/// One entry found under the registry root by a source.
public struct SourceEntry: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A regular file (or a git blob).
        case file
        /// A symbolic link: reported, never followed.
        case symlink
        /// A FIFO, device, socket or git submodule: reported, never read.
        case special
    }

    /// Path relative to the registry root, `/`-separated, e.g. `users/alice.json`.
    public var path: String
    public var kind: Kind
    /// What identifies the file's bytes without reading them, when the source knows it:
    /// the git blob id for git sources. The loader takes what the index of registry-wide
    /// facts (`FactIndex`) holds for a file whose identity it recorded.
    public var identity: String?

    public init(path: String, kind: Kind, identity: String? = nil) {
        self.path = path
        self.kind = kind
        self.identity = identity
    }
}

/// Where a snapshot's files come from: a directory, the git index or a commit.
public protocol SnapshotSource: Sendable {
    /// Every non-directory entry under the registry root (including `.gitignore`, which
    /// the layout rule allows, but not the entries of a working tree's `.tenancy/`), in
    /// any order.
    func entries() throws -> [SourceEntry]

    /// The bytes of one `.file` entry: at most `maxFileSize + 1` bytes, so an oversized
    /// file is recognised without reading it all. Called concurrently from several threads.
    func contents(of path: String) throws -> [UInt8]
}

/// A source that reads its own files, on several threads, so it can read each one while
/// it has its directory open instead of by a path resolved from the root.
package protocol ParallelSource: SnapshotSource {
    /// Calls `inspect` once for every entry (as `entries()` lists them), from several
    /// threads at once, with a function that reads that entry as `contents(of:)` would;
    /// and `collect` with the results of each group of entries inspected on one thread.
    /// What `read` throws, `inspect` throws: a source may catch an error of its own there
    /// and inspect that entry again later (`IndexSource` does, for blobs from git).
    /// (`inspect` is escaping only so that sources may call it from the closures that
    /// gather its results; none keeps it.)
    func forEachEntry<Result: Sendable>(
        _ inspect: @escaping @Sendable (SourceEntry, () throws -> [UInt8]) throws -> Result,
        collect: @Sendable (consuming [Result]) -> Void
    ) throws
}
