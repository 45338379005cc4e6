import Glibc

/// A git tree that this very `tenancy` found without a single finding (error or warning),
/// kept in `.tenancy/clean` with the registry-wide facts a change checked against it
/// needs: how many files it has, and the ids of its projects and invitations (so that a
/// new one can be checked for a copied id without reading the others).
///
/// A tree id names every byte of the tree, so the record cannot go stale; but it is a
/// claim, not something a reader can check cheaply, so it is believed only when it was
/// written under this very `.tenancy/` (`PrivateDirectory.identity`, as the index), by
/// this very executable (its device, inode, size and modification time: another build
/// may have other rules), owned by this user and writable by nobody else, and its
/// checksum holds. Anything else reads and checks everything, as without it.
package struct CleanTree: Sendable, Equatable {
    /// The full id of the clean tree (the repository's, not the registry's subtree). A
    /// staged tree was never written by git before it is committed: until then it is
    /// `base` with `overrides`.
    package var tree: String
    /// A tree the repository has, which the clean tree is with `overrides`.
    package var base: String
    /// The registry's paths whose entries differ between `base` and `tree`.
    package var overrides: [Override]
    package var fileCount: Int
    package var projectIDs: Set<String>
    package var invitationIDs: Set<String>

    /// An entry of the clean tree where `base` has another or none.
    package struct Override: Sendable, Equatable {
        /// Relative to the repository's top level.
        package var path: String
        /// `000000` where the clean tree has no entry.
        package var mode: String
        package var id: String

        package init(path: String, mode: String, id: String) { (self.path, self.mode, self.id) = (path, mode, id) }
    }

    package init(
        tree: String, base: String? = nil, overrides: [Override] = [], fileCount: Int, projectIDs: Set<String>,
        invitationIDs: Set<String>
    ) {
        (self.tree, self.base, self.overrides) = (tree, base ?? tree, overrides)
        (self.fileCount, self.projectIDs, self.invitationIDs) = (fileCount, projectIDs, invitationIDs)
    }

    /// The record of `tree`, whose registry is `snapshot` (loaded whole, without findings).
    package init(tree: String, base: String? = nil, overrides: [Override] = [], snapshot: Snapshot) {
        self.init(
            tree: tree, base: base, overrides: overrides, fileCount: snapshot.fileCount,
            projectIDs: Set(snapshot.everyProject.map(\.id)), invitationIDs: Set(snapshot.everyInvitation.map(\.id)))
    }

    static let name = "clean"
    static let header = "tenancy-clean 1\n"

    /// The record kept for the registry at `root`, or nil (missing, foreign, stale, corrupt).
    package static func read(root: String, fileSystem: FileSystem = FileSystem()) -> CleanTree? {
        let directory = PrivateDirectory.path(root)
        guard PrivateDirectory.isOurs(directory, fileSystem), PrivateDirectory.isOurs(directory + "/" + name, fileSystem),
            let prefix = try? prefix(root: root, fileSystem: fileSystem),
            let bytes = try? fileSystem.readFile(named: name, inDirectory: directory)
        else { return nil }
        var reader = FactReader(bytes)
        guard reader.expect(prefix), reader.checksumHolds() else { return nil }
        return try? CleanTree(
            tree: reader.string(), base: reader.string(),
            overrides: (0..<reader.count()).map { _ in try Override(path: reader.string(), mode: reader.string(), id: reader.string()) },
            fileCount: reader.int(), projectIDs: Set(reader.strings()), invitationIDs: Set(reader.strings()))
    }

    /// Keeps this record (the caller holds the registry's lock; see `Registry.keep`).
    func write(root: String, fileSystem: FileSystem) {
        guard let prefix = try? Self.prefix(root: root, fileSystem: fileSystem) else { return }
        var body = FactWriter()
        body.string(tree)
        body.string(base)
        body.number(overrides.count)
        for override in overrides {
            body.string(override.path)
            body.string(override.mode)
            body.string(override.id)
        }
        body.number(fileCount)
        body.strings(projectIDs.sorted())
        body.strings(invitationIDs.sorted())
        var writer = FactWriter()
        writer.raw(prefix)
        writer.number(indexChecksum(body.bytes[...]))
        writer.raw(body.bytes)
        let path = PrivateDirectory.path(root) + "/" + Self.name
        try? writeAtomically(path, contents: writer.bytes, mode: 0o600, fileSystem: fileSystem)
    }

    /// The header, the `.tenancy/` it belongs to and the executable that wrote it.
    private static func prefix(root: String, fileSystem: FileSystem) throws -> [UInt8]? {
        var executable = stat()
        guard let identity = try PrivateDirectory.identity(root: root, fileSystem: fileSystem),
            stat("/proc/self/exe", &executable) == 0
        else { return nil }
        let built = "\(executable.st_dev):\(executable.st_ino):\(executable.st_size):"
            + "\(executable.st_mtim.tv_sec).\(executable.st_mtim.tv_nsec)"
        return Array((header + identity + "\n" + built + "\n").utf8)
    }

    /// Whether `name` in `.tenancy/` is the record or one being written.
    static func isRecordFile(_ name: String) -> Bool {
        name == Self.name || name.hasPrefix(".\(Self.name).tmp-")
    }
}
